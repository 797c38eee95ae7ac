package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.server.Gateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code portico} actuator endpoint (routes as configuration, upstream health, split weights) when the actuator
 * is present, and its web extension, which answers failures over HTTP as problem documents.
 */
@AutoConfiguration(after = PorticoAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Gateway.class)
public final class PorticoEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    PorticoEndpoint porticoEndpoint(Gateway gateway, ObjectProvider<FilterFactories> filters) {
        return new PorticoEndpoint(gateway, filters.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PorticoEndpoint.class)
    @ConditionalOnAvailableEndpoint(endpoint = PorticoEndpoint.class, exposure = EndpointExposure.WEB)
    PorticoEndpointWebExtension porticoEndpointWebExtension(PorticoEndpoint endpoint) {
        return new PorticoEndpointWebExtension(endpoint);
    }
}
