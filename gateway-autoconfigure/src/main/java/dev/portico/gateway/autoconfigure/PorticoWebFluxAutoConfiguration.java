package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.response.ProblemResponses;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.server.GatewayHandler;
import dev.portico.gateway.server.MalformedRequestHandler;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Serves the gateway from the application's Reactor Netty server, in front of WebFlux.
 *
 * <p>Gateway traffic is the hot path, so it is handled at the Reactor Netty level through a
 * {@link NettyRouteProvider}: a request that matches a route never builds a WebFlux {@code ServerWebExchange}. A
 * request no route takes falls through to the application's own {@link HttpHandler} (controllers, actuator, static
 * resources), unchanged. One consequence: WebFlux {@code WebFilter}s (Spring Security's included) do not see gateway
 * traffic; use Portico filters for gateway routes.
 */
@AutoConfiguration(after = PorticoAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ NettyRouteProvider.class, HttpHandler.class })
@ConditionalOnBean(Gateway.class)
public final class PorticoWebFluxAutoConfiguration {

    @Bean
    NettyRouteProvider porticoRouteProvider(Gateway gateway, ObjectProvider<HttpHandler> application) {
        GatewayHandler handler = new GatewayHandler(gateway, new ApplicationFallback(application));
        return routes -> routes.route(request -> true, handler);
    }

    @Bean
    NettyServerCustomizer porticoMalformedRequests() {
        return MalformedRequestHandler::install;
    }

    @Bean
    @Order(-2) // before Boot's error handler (-1)
    @ConditionalOnBooleanProperty(name = "portico.not-found-as-problem", matchIfMissing = true)
    WebExceptionHandler porticoNotFoundProblem() {
        return PorticoWebFluxAutoConfiguration::notFoundProblem;
    }

    private static Mono<Void> notFoundProblem(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (!noHandler(exchange, error) || response.isCommitted()) {
            return Mono.error(error); // a handler's own 404 (a controller's "user 7 does not exist") stays its own
        }
        String path = exchange.getRequest().getPath().value();
        byte[] body = ProblemResponses.body(404, "Not Found",
                "no route matches " + exchange.getRequest().getMethod().name() + " " + path, path, null);
        response.setStatusCode(HttpStatus.NOT_FOUND);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * Whether a 404 means that nothing in the application took the request: WebFlux found no handler (its plain
     * {@code ResponseStatusException} with no handler chosen) or the static-resource handler found no resource.
     */
    static boolean noHandler(ServerWebExchange exchange, Throwable error) {
        if (error instanceof NoResourceFoundException) {
            return true;
        }
        return error.getClass() == ResponseStatusException.class
                && ((ResponseStatusException) error).getStatusCode().value() == 404
                && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) == null;
    }

    /** The application's WebFlux handler, resolved on first use (it is built after this bean). */
    private static final class ApplicationFallback
            implements java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

        private final ObjectProvider<HttpHandler> application;
        private volatile @Nullable ReactorHttpHandlerAdapter adapter;

        ApplicationFallback(ObjectProvider<HttpHandler> application) {
            this.application = application;
        }

        @Override
        public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
            ReactorHttpHandlerAdapter current = this.adapter;
            if (current == null) {
                HttpHandler handler = this.application.getIfAvailable();
                if (handler == null) {
                    return GatewayHandler.notFound(request, response);
                }
                current = new ReactorHttpHandlerAdapter(handler);
                this.adapter = current;
            }
            return current.apply(request, response);
        }
    }

}
