package dev.portico.gateway.security;

/**
 * The orders ({@link org.springframework.core.Ordered#getOrder()}) of the security filters. A route's filters are
 * sorted by order, stably, lower first; filters without an order are 0. So, whatever the declaration order:
 *
 * <pre>
 *   -2000  IP_RULES            ip rules and other checks that need no identity (cheapest rejections first)
 *   -1000  AUTHENTICATION      key-auth, basic-auth, jwt: set the consumer, strip credentials, set identity headers
 *    -900  IDENTITY_HEADERS    identity-headers: strip client copies, set from the consumer if any
 *    -800  AUTHORIZATION       consumer-restriction: allow/deny by consumer and group
 *       0  everything else     header and path filters, rate limits per consumer, ...
 * </pre>
 *
 * Filters of equal order keep global, default, route and declaration order, so two authentication filters on a route
 * run in the order declared.
 */
public final class SecurityOrder {

    /** Checks that need no identity (IP rules): before authentication. */
    public static final int IP_RULES = -2000;

    /** Authentication filters ({@link AuthenticationFilter}). */
    public static final int AUTHENTICATION = -1000;

    /** The {@code identity-headers} filter: after authentication, so it sees the consumer. */
    public static final int IDENTITY_HEADERS = -900;

    /** Access control on the consumer ({@code consumer-restriction}): after authentication. */
    public static final int AUTHORIZATION = -800;

    private SecurityOrder() {
    }
}
