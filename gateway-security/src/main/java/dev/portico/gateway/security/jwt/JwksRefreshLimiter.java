package dev.portico.gateway.security.jwt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Bounds how often a JWKS (or OpenID discovery document) is fetched.
 *
 * <p>Why: Spring Security's reactive decoder ({@code NimbusReactiveJwtDecoder.withJwkSetUri}, its
 * {@code ReactiveRemoteJWKSource}) caches the key set until a token names a {@code kid} it does not hold, and then
 * refetches, every time, with no rate limit (the servlet decoder has Nimbus's {@code JWKSourceBuilder} rate limiter;
 * the reactive one has nothing). A client sending tokens with random {@code kid}s would make the gateway call the
 * issuer once per request. This filter sits in the {@link WebClient} the decoder uses
 * ({@code builder.webClient(limiter.webClient())}): a fetch of a URL at most once per {@code minInterval}; within the
 * interval the last body is answered again, so an unknown {@code kid} finds no key and the token is rejected.
 * Concurrent fetches of one URL share one request. Rotation still works: a new {@code kid} is fetched once the
 * interval since the last fetch has passed (Nimbus's own default interval is 30 s).
 */
public final class JwksRefreshLimiter implements ExchangeFilterFunction {

    /** The interval when none is given: 30 s, as Nimbus's {@code JWKSourceBuilder} rate limit. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(30);

    private final long minIntervalNanos;
    private final ConcurrentMap<URI, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    private final WebClient webClient;

    private JwksRefreshLimiter(Duration minInterval, WebClient.Builder builder) {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("jwks-refresh-min-interval: " + minInterval + " (expected: >= 0s)");
        }
        this.minIntervalNanos = minInterval.toNanos();
        this.webClient = builder.filter(this).build();
    }

    /** A limiter with its own {@link WebClient}. */
    public static JwksRefreshLimiter of(Duration minInterval) {
        return new JwksRefreshLimiter(Objects.requireNonNull(minInterval, "minInterval"), WebClient.builder());
    }

    /** A limiter filtering a client built from {@code builder} (timeouts, proxies, TLS of the application). */
    public static JwksRefreshLimiter of(Duration minInterval, WebClient.Builder builder) {
        return new JwksRefreshLimiter(Objects.requireNonNull(minInterval, "minInterval"), builder.clone());
    }

    /** The client to give the decoder builder. */
    public WebClient webClient() {
        return this.webClient;
    }

    /** How many requests went to issuers so far. */
    public long fetches() {
        return this.fetches.get();
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (!HttpMethod.GET.equals(request.method())) {
            return next.exchange(request);
        }
        return this.entries.computeIfAbsent(request.url(), url -> new Entry()).get(request, next);
    }

    /**
     * The last fetch of a key set failed and the interval has not passed. Not an {@code IllegalStateException}: the
     * decoder passes those through unchanged, while this one becomes a {@code JwtException} (503, not 500).
     */
    static final class KeySetUnavailableException extends RuntimeException {

        KeySetUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private final class Entry {

        private @Nullable String body;
        private long attemptedAt;
        private boolean attempted;
        private @Nullable Mono<String> inflight;

        Mono<ClientResponse> get(ClientRequest request, ExchangeFunction next) {
            Mono<String> fetch;
            synchronized (this) {
                long now = System.nanoTime();
                if (this.inflight != null) {
                    fetch = this.inflight;
                }
                else if (this.attempted && now - this.attemptedAt < JwksRefreshLimiter.this.minIntervalNanos) {
                    String last = this.body;
                    return last != null ? Mono.just(ok(last))
                            : Mono.error(new KeySetUnavailableException("JWKS fetch of " + request.url()
                                    + " failed recently; next attempt after the minimum interval"));
                }
                else {
                    this.attempted = true;
                    this.attemptedAt = now;
                    JwksRefreshLimiter.this.fetches.incrementAndGet();
                    fetch = next.exchange(request)
                            .flatMap(response -> response.statusCode().is2xxSuccessful()
                                    ? response.bodyToMono(String.class)
                                    : response.createException().flatMap(Mono::<String>error))
                            .doOnNext(this::store)
                            .doFinally(signal -> clearInflight())
                            .cache();
                    this.inflight = fetch;
                }
            }
            return fetch.map(Entry::ok);
        }

        private synchronized void store(String body) {
            this.body = body;
        }

        private synchronized void clearInflight() {
            this.inflight = null;
        }

        private static ClientResponse ok(String body) {
            return ClientResponse.create(HttpStatus.OK)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                    .body(body)
                    .build();
        }
    }
}
