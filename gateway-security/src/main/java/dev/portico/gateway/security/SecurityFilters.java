package dev.portico.gateway.security;

import java.util.List;

import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.security.acl.ConsumerRestrictionFilter;
import dev.portico.gateway.security.cors.CorsFilter;
import dev.portico.gateway.security.headers.SecureHeadersFilter;
import dev.portico.gateway.security.identity.IdentityHeadersFilter;
import dev.portico.gateway.security.ip.IpRestrictionFilter;
import dev.portico.gateway.security.validation.RequestValidationFilter;

/**
 * The security filters that need nothing but configuration, by YAML name. Filters that need collaborators (a
 * consumer store, a JWT decoder) are created by the auto-configuration, which has them: {@code key-auth} and
 * {@code basic-auth} are {@code KeyAuthFilter.Factory(store)} and {@code BasicAuthFilter.Factory(store)}.
 */
public final class SecurityFilters {

    private SecurityFilters() {
    }

    /** A new instance of every self-contained security filter factory. */
    public static List<GatewayFilterFactory<?>> factories() {
        return List.of(new CorsFilter.Factory(), new IpRestrictionFilter.Factory(),
                new RequestValidationFilter.Factory(), new SecureHeadersFilter.Factory(),
                new ConsumerRestrictionFilter.Factory(), new IdentityHeadersFilter.Factory());
    }
}
