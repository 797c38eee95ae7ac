package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.server.Gateway;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Actuator endpoints for the gateway's upstreams and routes, when the actuator is on the class path. */
@AutoConfiguration(after = PorticoAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Gateway.class)
public final class PorticoEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    PorticoUpstreamsEndpoint porticoUpstreamsEndpoint(Gateway gateway) {
        return new PorticoUpstreamsEndpoint(gateway);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    PorticoRoutesEndpoint porticoRoutesEndpoint(Gateway gateway) {
        return new PorticoRoutesEndpoint(gateway);
    }
}
