package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.security.SecurityFilters;
import dev.portico.gateway.security.basicauth.BasicAuthFilter;
import dev.portico.gateway.security.consumer.ConsumerStore;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import dev.portico.gateway.security.keyauth.KeyAuthFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The security filters ({@code gateway-security}): their factories as beans, so that routes name them like any
 * other filter, with the collaborators they need (consumer store, JWT decoders) taken from the context.
 *
 * <p>Consumers come from {@code portico.consumers} ({@link ConsumersProperties}) unless the application defines
 * its own {@link ConsumerStore} bean.
 */
@AutoConfiguration(before = PorticoAutoConfiguration.class)
@ConditionalOnClass(SecurityFilters.class)
public final class PorticoSecurityAutoConfiguration {

    /** The self-contained security filters (consumer-restriction, identity-headers, ...), by name. */
    @Bean
    static FilterFactoryBundle porticoFilterFactoryBundle() {
        return new FilterFactoryBundle(SecurityFilters.factories());
    }

    /** The consumers of {@code portico.consumers}, validated at startup. */
    @Bean
    @ConditionalOnMissingBean(ConsumerStore.class)
    InMemoryConsumerStore porticoConsumerStore(Environment environment) {
        return ConsumersMapper.store(ConsumersProperties.bind(environment));
    }

    /** {@code key-auth}, against the consumer store. */
    @Bean
    KeyAuthFilter.Factory porticoKeyAuthFilterFactory(ConsumerStore consumers) {
        return new KeyAuthFilter.Factory(consumers);
    }

    /** {@code basic-auth}, against the consumer store, with Spring Security's delegating password encoder. */
    @Bean
    BasicAuthFilter.Factory porticoBasicAuthFilterFactory(ConsumerStore consumers) {
        return new BasicAuthFilter.Factory(consumers);
    }
}
