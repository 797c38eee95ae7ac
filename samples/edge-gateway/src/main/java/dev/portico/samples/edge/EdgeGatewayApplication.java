package dev.portico.samples.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An edge gateway in front of three demo services (users, orders, products) that it starts itself on local ports,
 * so the sample runs with no other setup. Routes live in {@code application.yml}; {@link AuditFilterFactory} is a
 * custom filter written the way an application team would.
 */
@SpringBootApplication
public class EdgeGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeGatewayApplication.class, args);
    }
}
