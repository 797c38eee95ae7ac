/** Upstream model: named node sets, weights and timeouts. */
@NullMarked
package dev.portico.gateway.upstream;

import org.jspecify.annotations.NullMarked;
