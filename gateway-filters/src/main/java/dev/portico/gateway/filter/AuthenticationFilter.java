package dev.portico.gateway.filter;

/**
 * A filter that identifies the caller (key-auth, basic-auth, jwt, or a user's own): a route that has one, among its
 * global, default or own filters, is protected. Where the gateway requires authentication, every route must have one
 * or be marked public; a marker, so that the check is made once, when routes compile.
 */
public interface AuthenticationFilter extends GatewayFilter {
}
