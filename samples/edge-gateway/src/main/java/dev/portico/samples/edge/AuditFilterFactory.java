package dev.portico.samples.edge;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.GatewayFilterFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A custom filter as an application team would write one: tags each request with an audit id (sent upstream and
 * back to the client) and logs one line per exchange with the route, status and duration. Used in YAML as
 * {@code - audit} or {@code - audit: payments}.
 */
@Component
class AuditFilterFactory implements GatewayFilterFactory<AuditFilterFactory.Config> {

    private static final Log logger = LogFactory.getLog("audit");

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public List<String> shortcutFields() {
        return List.of("category");
    }

    @Override
    public GatewayFilter create(Config config) {
        return new AuditFilter(config.getCategory());
    }

    /** Settings of the audit filter. */
    public static class Config {

        /** Category written to each audit line. */
        private String category = "general";

        public String getCategory() {
            return this.category;
        }

        public void setCategory(String category) {
            this.category = category;
        }
    }

    private record AuditFilter(String category) implements GatewayFilter {

        @Override
        public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
            String id = UUID.randomUUID().toString();
            exchange.requestHeaders().set("X-Audit-Id", id);
            exchange.responseHeaders().set("X-Audit-Id", id);
            return chain.filter(exchange).doFinally(signal -> logger.info(String.format("%s %s %s route=%s status=%d %dms",
                    this.category, exchange.method(), exchange.rawPath(), exchange.routeId(), exchange.responseStatus(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.startNanos()))));
        }
    }
}
