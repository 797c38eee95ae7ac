package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.server.Gateway;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code portico} actuator endpoint (routes, upstream health, split weights), when the actuator is present. */
@AutoConfiguration(after = PorticoAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Gateway.class)
public final class PorticoEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    PorticoEndpoint porticoEndpoint(Gateway gateway) {
        return new PorticoEndpoint(gateway);
    }
}
