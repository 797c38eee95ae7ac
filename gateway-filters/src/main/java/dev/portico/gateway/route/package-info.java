/** Route model, predicates and the compiled route table. */
@NullMarked
package dev.portico.gateway.route;

import org.jspecify.annotations.NullMarked;
