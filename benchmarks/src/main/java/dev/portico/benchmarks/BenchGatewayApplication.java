package dev.portico.benchmarks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot WebFlux app whose only gateway is the Portico starter: routes come from {@code portico.routes} in
 * the YAML that {@code e2e.sh} passes with {@code --spring.config.additional-location}. Nothing else is declared.
 */
@SpringBootApplication
public class BenchGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BenchGatewayApplication.class, args);
    }
}
