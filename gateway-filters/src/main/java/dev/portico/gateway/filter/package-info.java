/** The filter contract, the per-request exchange and the chain that runs compiled filter arrays. */
@NullMarked
package dev.portico.gateway.filter;

import org.jspecify.annotations.NullMarked;
