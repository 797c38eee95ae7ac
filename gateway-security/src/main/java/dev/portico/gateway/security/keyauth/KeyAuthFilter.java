package dev.portico.gateway.security.keyauth;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.builtin.RemoveQueryParameterFilter;
import dev.portico.gateway.security.AuthenticationFilter;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.ApiKeyMatch;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.ConsumerStore;
import dev.portico.gateway.security.identity.IdentityHeaders;
import dev.portico.gateway.security.internal.QueryParameters;
import dev.portico.gateway.security.internal.SecurityChecks;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Authenticates a request by API key: the key is taken from a header ({@code X-API-Key} by default) or, when enabled,
 * a query parameter, hashed with SHA-256 and looked up in the {@link ConsumerStore}. On success the consumer is set
 * ({@link GatewayAttributes#CONSUMER}), the key is removed from the request (every configured header and query
 * parameter, unless {@code keep-credentials}), client copies of the identity headers are removed and the gateway's
 * own set. A missing, unknown or expired key is a 401 problem, the same for all three.
 *
 * <pre>{@code
 * Route.builder("reports").match(m -> m.path("/reports/**")).uri("http://127.0.0.1:9001")
 *         .filter(KeyAuthFilter.builder(store).header("X-API-Key").queryParameter("apikey").build())
 *         .build();
 * }</pre>
 *
 * <p>Per request: one SHA-256 over the key into a per-thread buffer, one lookup in the store (the in-memory store
 * allocates nothing), a constant-time comparison of the full hash. Where a missing key answers sooner than a wrong one
 * nothing is revealed that the client does not know; an unknown and an expired key take the same path.
 *
 * <p>Runs at {@link dev.portico.gateway.security.SecurityOrder#AUTHENTICATION}.
 */
public final class KeyAuthFilter implements InlineFilter, AuthenticationFilter {

    /** The YAML name. */
    public static final String NAME = "key-auth";

    /** The header read when none is configured. */
    public static final String DEFAULT_HEADER = "X-API-Key";

    private static final ThreadLocal<byte[]> HASH = ThreadLocal.withInitial(() -> new byte[ApiKey.HASH_LENGTH]);

    private final ConsumerStore store;
    private final AsciiString[] headers;
    private final String[] queryParameters;
    private final RemoveQueryParameterFilter[] queryRemovals;
    private final boolean keepCredentials;
    private final IdentityHeaders identity;
    private final InstantSource clock;
    /** Shared: a GatewayException has no stack trace, so refusing allocates nothing. */
    private final GatewayException unauthorized;

    private KeyAuthFilter(Builder builder) {
        this.store = builder.store;
        List<AsciiString> headers = SecurityChecks.headerNames("headers", builder.headers);
        List<String> params = builder.queryParameters;
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("query-parameters[" + i + "]: " + SecurityChecks.quote(name)
                        + " (expected: a query parameter name)");
            }
        }
        if (headers.isEmpty() && params.isEmpty()) {
            throw new IllegalArgumentException(
                    "headers: [] (expected: at least one header or query parameter to read the key from)");
        }
        this.identity = builder.identity;
        for (String identityHeader : this.identity.names()) {
            for (AsciiString header : headers) {
                if (header.contentEqualsIgnoreCase(identityHeader)) {
                    throw new IllegalArgumentException("headers: '" + header + "' is also an identity header"
                            + " (expected: a header other than " + this.identity.names() + ")");
                }
            }
        }
        this.headers = headers.toArray(AsciiString[]::new);
        this.queryParameters = params.toArray(String[]::new);
        this.queryRemovals = params.stream().map(RemoveQueryParameterFilter::of)
                .toArray(RemoveQueryParameterFilter[]::new);
        this.keepCredentials = builder.keepCredentials;
        this.clock = builder.clock;
        String realm = SecurityChecks.realm("realm", builder.realm);
        this.unauthorized = new GatewayException(401, "Unauthorized", "a valid API key is required")
                .withHeader("WWW-Authenticate", "ApiKey realm=\"" + realm + "\"");
    }

    /** A builder reading the key from {@code X-API-Key} unless headers are given. */
    public static Builder builder(ConsumerStore store) {
        return new Builder(store);
    }

    /** A filter reading {@code X-API-Key}, with the default identity headers. */
    public static KeyAuthFilter of(ConsumerStore store) {
        return builder(store).build();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        HttpHeaders requestHeaders = exchange.requestHeaders();
        String key = null;
        for (AsciiString header : this.headers) {
            key = requestHeaders.get(header);
            if (key != null) {
                break;
            }
        }
        if (key == null && this.queryParameters.length > 0) {
            String query = exchange.rawQuery();
            for (int i = 0; i < this.queryParameters.length && key == null; i++) {
                key = QueryParameters.first(query, this.queryParameters[i]);
            }
        }
        if (key == null || key.isEmpty()) {
            throw this.unauthorized;
        }
        byte[] hash = HASH.get();
        ApiKey.sha256(key, hash);
        ApiKeyMatch match = this.store.findByApiKeyHash(hash);
        if (match == null || match.key().isExpiredAt(this.clock.millis())) {
            throw this.unauthorized;
        }
        ConsumerCredentials owner = match.owner();
        exchange.attr(GatewayAttributes.CONSUMER, owner.consumer());
        if (!this.keepCredentials) {
            for (AsciiString header : this.headers) {
                requestHeaders.remove(header);
            }
            if (exchange.upstreamQuery() != null) {
                for (RemoveQueryParameterFilter removal : this.queryRemovals) {
                    removal.apply(exchange);
                }
            }
        }
        this.identity.apply(requestHeaders, owner.id(), owner.groupsValue());
    }

    @Override
    public String toString() {
        return "KeyAuthFilter[headers=" + List.of(this.headers) + ", query-parameters=" + List.of(this.queryParameters)
                + (this.keepCredentials ? ", keep-credentials" : "") + "]";
    }

    /** Builds a {@link KeyAuthFilter}. */
    public static final class Builder {

        private final ConsumerStore store;
        private final List<String> headers = new ArrayList<>();
        private final List<String> queryParameters = new ArrayList<>();
        private boolean headersGiven;
        private boolean keepCredentials;
        private IdentityHeaders identity = IdentityHeaders.defaults();
        private InstantSource clock = InstantSource.system();
        private String realm = "portico";

        private Builder(ConsumerStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Reads the key from this header (in the order added); the first replaces the default {@code X-API-Key}. */
        public Builder header(String name) {
            this.headersGiven = true;
            this.headers.add(name);
            return this;
        }

        /** Reads no header: the key comes from query parameters only. */
        public Builder noHeaders() {
            this.headersGiven = true;
            this.headers.clear();
            return this;
        }

        /** Also reads the key from this query parameter (after the headers); opt-in, since URLs end up in logs. */
        public Builder queryParameter(String name) {
            this.queryParameters.add(name);
            return this;
        }

        /** Whether the key is still sent upstream (default: removed). */
        public Builder keepCredentials(boolean keep) {
            this.keepCredentials = keep;
            return this;
        }

        public Builder identityHeaders(IdentityHeaders identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The realm of the {@code WWW-Authenticate} challenge on 401 (default {@code portico}). */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** The clock expiries are checked against (tests). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public KeyAuthFilter build() {
            if (!this.headersGiven) {
                this.headers.add(DEFAULT_HEADER);
            }
            return new KeyAuthFilter(this);
        }
    }

    /**
     * Makes {@code key-auth} filters against one consumer store: {@code - key-auth} or
     * {@code - key-auth: { headers: [X-API-Key, apikey], query-parameters: [apikey] }}.
     */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        private final ConsumerStore store;
        private final InstantSource clock;

        public Factory(ConsumerStore store) {
            this(store, InstantSource.system());
        }

        public Factory(ConsumerStore store, InstantSource clock) {
            super(NAME, Config.class, "headers");
            this.store = Objects.requireNonNull(store, "store");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public GatewayFilter create(Config config) {
            Builder builder = builder(this.store).noHeaders().clock(this.clock)
                    .keepCredentials(config.isKeepCredentials()).realm(config.getRealm())
                    .identityHeaders(IdentityHeaders.from(config.getIdentityHeaders(), "identity-headers"));
            config.getHeaders().forEach(builder::header);
            config.getQueryParameters().forEach(builder::queryParameter);
            return builder.build();
        }

        /** Configuration of {@code key-auth}. */
        public static class Config {

            /** Headers the key is read from, in order; the first present is used. */
            private List<String> headers = new ArrayList<>(List.of(DEFAULT_HEADER));

            /**
             * Query parameters the key is read from when no header has it; none by default (keys in URLs end up in
             * access logs and browser history).
             */
            private List<String> queryParameters = new ArrayList<>();

            /** Whether the key is still sent upstream; by default every configured header and parameter is removed. */
            private boolean keepCredentials;

            /** Realm of the WWW-Authenticate challenge sent with 401. */
            private String realm = "portico";

            /** Headers telling the upstream who the consumer is; client copies are removed. */
            private IdentityHeaders.Config identityHeaders = new IdentityHeaders.Config();

            public List<String> getHeaders() {
                return this.headers;
            }

            public void setHeaders(List<String> headers) {
                this.headers = headers;
            }

            public List<String> getQueryParameters() {
                return this.queryParameters;
            }

            public void setQueryParameters(List<String> queryParameters) {
                this.queryParameters = queryParameters;
            }

            public boolean isKeepCredentials() {
                return this.keepCredentials;
            }

            public void setKeepCredentials(boolean keepCredentials) {
                this.keepCredentials = keepCredentials;
            }

            public String getRealm() {
                return this.realm;
            }

            public void setRealm(String realm) {
                this.realm = realm;
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
