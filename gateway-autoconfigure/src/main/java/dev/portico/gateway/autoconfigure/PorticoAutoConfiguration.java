package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.autoconfigure.properties.StrictBindingAdvisor;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.builtin.BuiltinFilters;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.observation.GatewayRequestConvention;
import dev.portico.gateway.observation.UpstreamRequestConvention;
import dev.portico.gateway.route.CidrRange;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.server.ForwardedHeaders;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The engine: the {@link Gateway} built from {@code portico.*} properties, {@link Route} and {@link Upstream} beans,
 * the built-in and user {@link GatewayFilterFactory} beans, and {@link GatewayCustomizer}s. Serving it is
 * {@link PorticoWebFluxAutoConfiguration}'s job.
 */
@AutoConfiguration(afterName = { "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "portico.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PorticoProperties.class)
public final class PorticoAutoConfiguration {

    /** Unknown or dropped {@code portico.*} keys fail startup; static: binding asks for it before this class. */
    @Bean
    static StrictBindingAdvisor porticoStrictBinding() {
        return new StrictBindingAdvisor();
    }

    @Bean
    @ConditionalOnMissingBean
    FilterFactories porticoFilterFactories(ObjectProvider<GatewayFilterFactory<?>> userFactories,
            ObjectProvider<FilterFactoryBundle> bundles) {
        List<GatewayFilterFactory<?>> all = new ArrayList<>(BuiltinFilters.factories());
        bundles.orderedStream().forEach(bundle -> all.addAll(bundle.factories()));
        userFactories.orderedStream().forEach(all::add);
        return new FilterFactories(all);
    }

    /**
     * Circuit breakers of upstreams and routes come from this registry. With the Resilience4j Spring Boot starter on
     * the class path its registry (configured by {@code resilience4j.circuitbreaker.*}) is used instead.
     */
    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry porticoCircuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Gateway porticoGateway(PorticoProperties properties, FilterFactories filters, CircuitBreakerRegistry breakers,
            ObjectProvider<Route> routes, ObjectProvider<Upstream> upstreams,
            ObjectProvider<GatewayCustomizer> customizers, ListableBeanFactory beanFactory,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<GatewayRequestConvention> requestConvention,
            ObjectProvider<UpstreamRequestConvention> upstreamConvention) {
        PropertiesRouteMapper mapper = new PropertiesRouteMapper(filters, new TrafficPolicyMapper(breakers));
        PoolSettings pool = UpstreamPolicyMapper.pool(properties.getPool(), PoolSettings.DEFAULTS, "portico.pool");
        Gateway.Builder builder = Gateway.builder()
                .upstreams(mapper.upstreams(properties, pool))
                .routes(mapper.routes(properties))
                .forwardedHeaders(forwarded(properties.getForwarded()))
                .poolSettings(pool)
                .requireAuthentication(properties.isRequireAuthentication()
                        || SpringSecurityPresence.protects(beanFactory))
                // Boot's registry carries the metrics and tracing handlers; without one nothing is observed
                .observations(GatewayObservations.of(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
                        requestConvention.getIfAvailable(), upstreamConvention.getIfAvailable()));
        filters.createAll(properties.getGlobalFilters(), null, "portico.global-filters").forEach(builder::globalFilter);
        filters.createAll(properties.getDefaultFilters(), null, "portico.default-filters").forEach(builder::defaultFilter);
        upstreams.orderedStream().forEach(builder::upstream);
        routes.orderedStream().forEach(builder::route);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        }
        catch (RouteDefinitionException ex) {
            throw withPropertyPath(ex, properties);
        }
    }

    /** Names a properties route's full property path in an error the engine reported relative to the route. */
    private static RouteDefinitionException withPropertyPath(RouteDefinitionException ex, PorticoProperties properties) {
        if (ex.routeId() == null || ex.property().startsWith("portico.")) {
            return ex;
        }
        List<RouteProperties> routes = properties.getRoutes();
        for (int i = 0; i < routes.size(); i++) {
            if (ex.routeId().equals(routes.get(i).getId())) {
                return ex.within(ex.routeId(), "portico.routes[" + i + "]");
            }
        }
        return ex;
    }

    private static ForwardedHeaders forwarded(ForwardedProperties spec) {
        if (!spec.isEnabled()) {
            return ForwardedHeaders.disabled();
        }
        List<CidrRange> trusted = new ArrayList<>();
        for (int i = 0; i < spec.getTrustedProxies().size(); i++) {
            try {
                trusted.add(CidrRange.parse(spec.getTrustedProxies().get(i)));
            }
            catch (IllegalArgumentException ex) {
                throw new RouteDefinitionException(null, "portico.forwarded.trusted-proxies[" + i + "]", ex.getMessage(),
                        "expected CIDR notation, e.g. 10.0.0.0/8", ex);
            }
        }
        return ForwardedHeaders.trusting(trusted);
    }
}
