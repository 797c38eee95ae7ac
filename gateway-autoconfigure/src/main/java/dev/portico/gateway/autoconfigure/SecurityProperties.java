package dev.portico.gateway.autoconfigure;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Security settings that are not per route: the JWT issuers and the validated-token cache. */
public class SecurityProperties {

    /** JWT: named token issuers, the validated-token cache, key refetch limits. */
    @NestedConfigurationProperty
    private final PorticoJwtProperties jwt = new PorticoJwtProperties();

    public PorticoJwtProperties getJwt() {
        return this.jwt;
    }
}
