/** The request entry point that ties route lookup, the filter chain, the proxy and problem responses. */
@NullMarked
package dev.portico.gateway.server;

import org.jspecify.annotations.NullMarked;
