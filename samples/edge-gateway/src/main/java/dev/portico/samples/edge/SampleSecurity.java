package dev.portico.samples.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security for the application's own endpoints (the actuator). Adding the resource-server starter for the
 * {@code jwt} filter also brings Spring Security's WebFlux auto-configuration, which would require a token on
 * every application endpoint; the sample keeps its actuator open, as before. Gateway routes never pass through this
 * chain (they are served before WebFlux): the {@code jwt} filter protects them.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurity {

    @Bean
    SecurityWebFilterChain actuatorOpen(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .build();
    }
}
