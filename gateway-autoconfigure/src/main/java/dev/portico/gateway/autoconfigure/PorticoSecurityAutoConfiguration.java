package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.security.SecurityFilters;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The security filters ({@code gateway-security}): their factories as beans, so that routes name them like any
 * other filter, with the collaborators they need (consumer store, JWT decoders) taken from the context.
 */
@AutoConfiguration(before = PorticoAutoConfiguration.class)
@ConditionalOnClass(SecurityFilters.class)
public final class PorticoSecurityAutoConfiguration {

    /** The self-contained security filters (CORS, IP rules, request validation, secure headers), by name. */
    @Bean
    static FilterFactoryBundle porticoFilterFactoryBundle() {
        return new FilterFactoryBundle(SecurityFilters.factories());
    }
}
