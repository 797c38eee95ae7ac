package dev.portico.gateway.security.basicauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.security.AuthenticationFilter;
import dev.portico.gateway.security.consumer.BasicAuthCredential;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.ConsumerStore;
import dev.portico.gateway.security.identity.IdentityHeaders;
import dev.portico.gateway.security.internal.SecurityChecks;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates a request by HTTP Basic credentials (RFC 7617) against the consumers' basic-auth user names and
 * password hashes. A missing, malformed or wrong {@code Authorization} header is a 401 problem with
 * {@code WWW-Authenticate: Basic realm="…", charset="UTF-8"}, never a 500. On success the consumer is set
 * ({@link GatewayAttributes#CONSUMER}), {@code Authorization} is removed (unless {@code keep-credentials}), client
 * copies of the identity headers are removed and the gateway's own set.
 *
 * <pre>{@code
 * Route.builder("reports").match(m -> m.path("/reports/**")).uri("http://127.0.0.1:9001")
 *         .filter(BasicAuthFilter.builder(store).realm("reports").build())
 *         .build();
 * }</pre>
 *
 * <p><b>The hash check never runs on the event loop.</b> A bcrypt check costs 50–100 ms of CPU, so it runs on a
 * {@link Schedulers#boundedElastic()} worker (or the scheduler given). Because basic-auth clients send the same
 * credentials with every request, successful checks are also remembered for {@code cache-ttl} (60 s by default,
 * at most {@code cache-size} pairs; see {@code VerifiedCredentials}): a repeat request is then checked inline,
 * in microseconds, with no thread hop. Without the cache, a 2-core gateway would top out at a few hundred requests
 * per second per route; without the offload, one login would stall every connection on its event loop.
 *
 * <p>An unknown user name costs a check against a dummy bcrypt hash, so that response times do not tell which user
 * names exist.
 *
 * <p>Runs at {@link dev.portico.gateway.security.SecurityOrder#AUTHENTICATION}.
 */
public final class BasicAuthFilter implements AuthenticationFilter {

    /** The YAML name. */
    public static final String NAME = "basic-auth";

    /** How long a verified pair is remembered by default. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

    /** How many verified pairs are remembered at most by default. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private static final String BASIC = "Basic ";

    private final ConsumerStore store;
    private final PasswordEncoder encoder;
    private final Scheduler scheduler;
    private final boolean keepCredentials;
    private final IdentityHeaders identity;
    private final VerifiedCredentials verified;
    private final GatewayException unauthorized;

    private BasicAuthFilter(Builder builder) {
        this.store = builder.store;
        this.encoder = builder.encoder;
        this.scheduler = builder.scheduler;
        this.keepCredentials = builder.keepCredentials;
        this.identity = builder.identity;
        if (builder.cacheTtl == null || builder.cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cache-ttl: " + builder.cacheTtl + " (expected: a duration >= 0, 0 for no cache)");
        }
        if (builder.cacheSize < 0) {
            throw new IllegalArgumentException("cache-size: " + builder.cacheSize + " (expected: >= 0, 0 for no cache)");
        }
        this.verified = new VerifiedCredentials(builder.cacheTtl.toNanos(), builder.cacheSize);
        String realm = SecurityChecks.realm("realm", builder.realm);
        this.unauthorized = new GatewayException(401, "Unauthorized", "valid basic-auth credentials are required")
                .withHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    }

    public static Builder builder(ConsumerStore store) {
        return new Builder(store);
    }

    /** A filter with realm {@code portico}, the default identity headers and the delegating password encoder. */
    public static BasicAuthFilter of(ConsumerStore store) {
        return builder(store).build();
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        String[] pair = credentials(exchange.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        if (pair == null) {
            return Mono.error(this.unauthorized);
        }
        String username = pair[0];
        String password = pair[1];
        ConsumerCredentials consumer = this.store.findByUsername(username);
        BasicAuthCredential credential = consumer == null ? null : consumer.basicAuth();
        Object cacheKey = null;
        if (this.verified.enabled() && credential != null) {
            cacheKey = this.verified.key(username, password);
            if (this.verified.contains(cacheKey, credential)) {
                return authenticated(exchange, chain, consumer);
            }
        }
        Object key = cacheKey;
        return Mono.fromCallable(() -> credential != null ? this.encoder.matches(password, credential.passwordHash())
                        : dummyCheck(password))
                .subscribeOn(this.scheduler)
                .flatMap(ok -> {
                    if (!ok || consumer == null || credential == null) {
                        return Mono.error(this.unauthorized);
                    }
                    if (key != null) {
                        this.verified.put(key, credential);
                    }
                    return authenticated(exchange, chain, consumer);
                });
    }

    private Mono<Void> authenticated(GatewayExchange exchange, GatewayFilterChain chain, ConsumerCredentials consumer) {
        HttpHeaders headers = exchange.requestHeaders();
        exchange.attr(GatewayAttributes.CONSUMER, consumer.consumer());
        if (!this.keepCredentials) {
            headers.remove(HttpHeaderNames.AUTHORIZATION);
        }
        this.identity.apply(headers, consumer.id(), consumer.groupsValue());
        return chain.filter(exchange);
    }

    /** Spends about as long as a real check, and fails. */
    private boolean dummyCheck(String password) {
        this.encoder.matches(password, DummyHash.VALUE);
        return false;
    }

    /**
     * The user name and password of a {@code Basic} authorization value, or {@code null} when it is absent or
     * malformed (another scheme, bad Base64, invalid UTF-8, no {@code :}, control characters).
     */
    static String @Nullable [] credentials(@Nullable String authorization) {
        if (authorization == null || authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        int start = BASIC.length();
        while (start < authorization.length() && authorization.charAt(start) == ' ') {
            start++;
        }
        String token = authorization.substring(start).trim();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        return new String[] { text.substring(0, colon), text.substring(colon + 1) };
    }

    int cachedCount() {
        return this.verified.size();
    }

    @Override
    public String toString() {
        return "BasicAuthFilter[" + (this.keepCredentials ? "keep-credentials" : "strips Authorization") + "]";
    }

    /** A bcrypt hash of a random password, made once, on first use, off the event loop. */
    private static final class DummyHash {

        static final String VALUE = BasicAuthCredential.defaultEncoder().encode(
                java.util.UUID.randomUUID().toString());
    }

    /** Builds a {@link BasicAuthFilter}. */
    public static final class Builder {

        private final ConsumerStore store;
        private PasswordEncoder encoder = BasicAuthCredential.defaultEncoder();
        private Scheduler scheduler = Schedulers.boundedElastic();
        private boolean keepCredentials;
        private IdentityHeaders identity = IdentityHeaders.defaults();
        private String realm = "portico";
        private @Nullable Duration cacheTtl = DEFAULT_CACHE_TTL;
        private int cacheSize = DEFAULT_CACHE_SIZE;

        private Builder(ConsumerStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The realm of the {@code WWW-Authenticate} challenge (default {@code portico}). */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** Whether {@code Authorization} is still sent upstream (default: removed). */
        public Builder keepCredentials(boolean keep) {
            this.keepCredentials = keep;
            return this;
        }

        public Builder identityHeaders(IdentityHeaders identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The encoder checking passwords (default: Spring Security's delegating encoder). */
        public Builder passwordEncoder(PasswordEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** Where password checks run (default {@link Schedulers#boundedElastic()}): never an event loop. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** How long successful checks are remembered; {@link Duration#ZERO} turns the cache off. */
        public Builder cache(Duration ttl, int maxEntries) {
            this.cacheTtl = ttl;
            this.cacheSize = maxEntries;
            return this;
        }

        public BasicAuthFilter build() {
            return new BasicAuthFilter(this);
        }
    }

    /** Makes {@code basic-auth} filters against one consumer store: {@code - basic-auth: reports}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        private final ConsumerStore store;
        private final PasswordEncoder encoder;

        public Factory(ConsumerStore store) {
            this(store, BasicAuthCredential.defaultEncoder());
        }

        public Factory(ConsumerStore store, PasswordEncoder encoder) {
            super(NAME, Config.class, "realm");
            this.store = Objects.requireNonNull(store, "store");
            this.encoder = Objects.requireNonNull(encoder, "encoder");
        }

        @Override
        public GatewayFilter create(Config config) {
            return builder(this.store).passwordEncoder(this.encoder).realm(config.getRealm())
                    .keepCredentials(config.isKeepCredentials())
                    .identityHeaders(IdentityHeaders.from(config.getIdentityHeaders(), "identity-headers"))
                    .cache(config.getCacheTtl(), config.getCacheSize())
                    .build();
        }

        /** Configuration of {@code basic-auth}. */
        public static class Config {

            /** Realm of the WWW-Authenticate challenge sent with 401. */
            private String realm = "portico";

            /** Whether the Authorization header is still sent upstream; removed by default. */
            private boolean keepCredentials;

            /** How long a successful password check is remembered (no password is kept); 0 turns the cache off. */
            private Duration cacheTtl = DEFAULT_CACHE_TTL;

            /** Most (user name, password) pairs remembered; the cache is emptied when it is full. */
            private int cacheSize = DEFAULT_CACHE_SIZE;

            /** Headers telling the upstream who the consumer is; client copies are removed. */
            private IdentityHeaders.Config identityHeaders = new IdentityHeaders.Config();

            public String getRealm() {
                return this.realm;
            }

            public void setRealm(String realm) {
                this.realm = realm;
            }

            public boolean isKeepCredentials() {
                return this.keepCredentials;
            }

            public void setKeepCredentials(boolean keepCredentials) {
                this.keepCredentials = keepCredentials;
            }

            public Duration getCacheTtl() {
                return this.cacheTtl;
            }

            public void setCacheTtl(Duration cacheTtl) {
                this.cacheTtl = cacheTtl;
            }

            public int getCacheSize() {
                return this.cacheSize;
            }

            public void setCacheSize(int cacheSize) {
                this.cacheSize = cacheSize;
            }

            public IdentityHeaders.Config getIdentityHeaders() {
                return this.identityHeaders;
            }

            public void setIdentityHeaders(IdentityHeaders.Config identityHeaders) {
                this.identityHeaders = identityHeaders;
            }
        }
    }
}
