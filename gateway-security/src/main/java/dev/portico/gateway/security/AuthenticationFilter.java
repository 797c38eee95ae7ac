package dev.portico.gateway.security;

import dev.portico.gateway.filter.GatewayFilter;

/** A filter that identifies the caller; a route with one is protected. */
public interface AuthenticationFilter extends GatewayFilter {
}
