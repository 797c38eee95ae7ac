package dev.portico.gateway.observation;

import java.util.Objects;

import dev.portico.gateway.filter.AttributeKey;
import dev.portico.gateway.filter.GatewayExchange;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's observations on one {@link ObservationRegistry}, with the conventions that name and tag them. Built
 * once per gateway. Without a registry (or with a no-op one) {@link #enabled()} is false and the request path skips
 * every call here: observability costs nothing when it is off.
 *
 * <pre>
 *  request ── portico.requests ─────────────────────────────────────────────┐   (server side: continues the
 *               ├─ portico.upstream.requests  attempt 1  (502: retried)     │    client's trace context)
 *               └─ portico.upstream.requests  attempt 2  (200)              │   (client side: the upstream
 *                                                                           ┘    sees the attempt's span)
 * </pre>
 */
public final class GatewayObservations {

    private static final AttributeKey<Observation> REQUEST =
            AttributeKey.of("portico.observation", Observation.class);

    private static final GatewayObservations DISABLED = new GatewayObservations(ObservationRegistry.NOOP, null, null);

    private final ObservationRegistry registry;
    private final @Nullable GatewayRequestConvention requestConvention;
    private final @Nullable UpstreamRequestConvention upstreamConvention;
    private final boolean enabled;

    private GatewayObservations(ObservationRegistry registry, @Nullable GatewayRequestConvention requestConvention,
            @Nullable UpstreamRequestConvention upstreamConvention) {
        this.registry = registry;
        this.requestConvention = requestConvention;
        this.upstreamConvention = upstreamConvention;
        this.enabled = !registry.isNoop();
    }

    /** No observations. */
    public static GatewayObservations disabled() {
        return DISABLED;
    }

    /**
     * Observations on {@code registry}; a null convention means the default one (a user's convention replaces it,
     * as Boot's own instrumentation does).
     */
    public static GatewayObservations of(ObservationRegistry registry, @Nullable GatewayRequestConvention requests,
            @Nullable UpstreamRequestConvention upstreams) {
        Objects.requireNonNull(registry, "registry");
        return registry.isNoop() ? DISABLED : new GatewayObservations(registry, requests, upstreams);
    }

    /** Whether anything is observed; checked once per request before any other call. */
    public boolean enabled() {
        return this.enabled;
    }

    /** Starts the observation of a routed request and keeps it on the exchange for its attempts. */
    public Observation startRequest(GatewayExchange exchange) {
        Observation observation = GatewayObservationDocumentation.REQUEST.observation(this.requestConvention,
                DefaultGatewayRequestConventionHolder.INSTANCE, () -> new GatewayRequestContext(exchange),
                this.registry);
        observation.start();
        exchange.attr(REQUEST, observation);
        return observation;
    }

    /**
     * Ends a request's observation, as cancelled when the client went away. Errors are recorded where they happen
     * ({@code observation.error}), so ending needs none.
     */
    public static void stopRequest(Observation observation, boolean cancelled) {
        if (cancelled && observation.getContext() instanceof GatewayRequestContext context) {
            context.cancel();
        }
        observation.stop();
    }

    /** The observation of the request an exchange belongs to, or null when none is running. */
    public static @Nullable Observation current(GatewayExchange exchange) {
        return exchange.attr(REQUEST);
    }

    /** Starts the observation of one attempt (writing trace context into the outgoing request headers). */
    public Observation startAttempt(GatewayExchange exchange, String upstream, String node, int attempt) {
        Observation observation = GatewayObservationDocumentation.UPSTREAM.observation(this.upstreamConvention,
                DefaultUpstreamRequestConventionHolder.INSTANCE,
                () -> new UpstreamRequestContext(exchange, upstream, node, attempt), this.registry);
        Observation parent = exchange.attr(REQUEST);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return observation.start();
    }

    /** Ends an attempt's observation with the upstream's status (0 for none), its error, or as cancelled. */
    public static void stopAttempt(Observation observation, int status, @Nullable Throwable error, boolean cancelled) {
        if (observation.getContext() instanceof UpstreamRequestContext context) {
            if (status > 0) {
                context.status(status);
            }
            if (cancelled) {
                context.cancel();
            }
        }
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    /** One shared default convention each: they hold no state. */
    private static final class DefaultGatewayRequestConventionHolder {
        static final GatewayRequestConvention INSTANCE = new DefaultGatewayRequestConvention();
    }

    private static final class DefaultUpstreamRequestConventionHolder {
        static final UpstreamRequestConvention INSTANCE = new DefaultUpstreamRequestConvention();
    }
}
