package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.server.Gateway;

/**
 * Customizes the {@link Gateway} before it is built: add routes, upstreams, global or default filters in Java.
 * Customizer beans are applied in {@code @Order}, after the routes from properties and {@code Route} beans.
 *
 * <pre>{@code
 * @Bean
 * GatewayCustomizer auditEverything(AuditFilter audit) {
 *     return gateway -> gateway.globalFilter(audit);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GatewayCustomizer {

    void customize(Gateway.Builder gateway);
}
