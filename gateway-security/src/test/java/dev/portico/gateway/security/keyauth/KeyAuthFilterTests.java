package dev.portico.gateway.security.keyauth;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.security.AuthenticationFilter;
import dev.portico.gateway.security.SecurityOrder;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyAuthFilterTests {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static final InMemoryConsumerStore STORE = InMemoryConsumerStore.of(List.of(
            ConsumerCredentials.builder(new Consumer("reports", Set.of("internal", "analytics"), Map.of("plan", "gold")))
                    .apiKey(ApiKey.ofHash("sha256:" + HexFormat.of().formatHex(ApiKey.sha256("new-key"))))
                    .apiKey(ApiKey.of("old-key", NOW.plusSeconds(60)))
                    .apiKey(ApiKey.of("retired-key", NOW))
                    .build(),
            ConsumerCredentials.builder(Consumer.of("mobile")).apiKey(ApiKey.of("mobile-key")).build()));

    static GatewayExchange exchange(String uri, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return GatewayExchange.of(HttpMethod.GET, uri, h, new InetSocketAddress("10.0.0.5", 51000));
    }

    static KeyAuthFilter.Builder builder() {
        return KeyAuthFilter.builder(STORE).clock(InstantSource.fixed(NOW));
    }

    static void assertUnauthorized(KeyAuthFilter filter, GatewayExchange exchange) {
        assertThatThrownBy(() -> filter.apply(exchange)).isInstanceOfSatisfying(GatewayException.class, ex -> {
            assertThat(ex.status()).isEqualTo(401);
            assertThat(ex.detail()).isEqualTo("a valid API key is required");
            assertThat(ex.headers()).containsEntry("WWW-Authenticate", "ApiKey realm=\"portico\"");
        });
        assertThat(exchange.attr(GatewayAttributes.CONSUMER)).isNull();
    }

    @Test
    void aValidKeySetsTheConsumerStripsTheKeyAndSetsIdentityHeaders() {
        KeyAuthFilter filter = builder().build();
        GatewayExchange exchange = exchange("/r", "X-API-Key", "new-key", "X-Consumer-Id", "admin",
                "X-Consumer-Groups", "admins");
        filter.apply(exchange);
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("reports");
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).metadata()).containsEntry("plan", "gold");
        assertThat(exchange.requestHeaders().contains("X-API-Key")).isFalse();
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Id")).containsExactly("reports");
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Groups")).containsExactly("analytics,internal");
    }

    @Test
    void missingUnknownAndExpiredKeysAreTheSame401() {
        KeyAuthFilter filter = builder().build();
        assertUnauthorized(filter, exchange("/r"));
        assertUnauthorized(filter, exchange("/r", "X-API-Key", ""));
        assertUnauthorized(filter, exchange("/r", "X-API-Key", "guess"));
        assertUnauthorized(filter, exchange("/r", "X-API-Key", "retired-key"));   // expired at NOW
        assertUnauthorized(filter, exchange("/r", "X-Api-Key-Typo", "new-key"));
    }

    @Test
    void rotationAcceptsTheOldAndTheNewKeyUntilTheOldExpires() {
        GatewayExchange withOld = exchange("/r", "X-API-Key", "old-key");
        builder().build().apply(withOld);
        assertThat(withOld.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("reports");
        KeyAuthFilter later = builder().clock(InstantSource.fixed(NOW.plusSeconds(60))).build();
        assertUnauthorized(later, exchange("/r", "X-API-Key", "old-key"));
        later.apply(exchange("/r", "X-API-Key", "new-key"));
    }

    @Test
    void readsConfiguredHeadersInOrderAndStripsThemAll() {
        KeyAuthFilter filter = builder().header("apikey").header("X-API-Key").build();
        GatewayExchange exchange = exchange("/r", "X-API-Key", "wrong", "apikey", "mobile-key");
        filter.apply(exchange);
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("mobile");
        assertThat(exchange.requestHeaders().contains("apikey")).isFalse();
        assertThat(exchange.requestHeaders().contains("X-API-Key")).isFalse();
        assertThat(exchange.requestHeaders().contains("X-Consumer-Groups")).isFalse(); // no groups: not sent
    }

    @Test
    void queryParameterIsOptInAndRemovedFromTheUpstreamQuery() {
        assertUnauthorized(builder().build(), exchange("/r?apikey=mobile-key"));
        KeyAuthFilter filter = builder().queryParameter("apikey").build();
        GatewayExchange exchange = exchange("/r?q=1&api%6Bey=mobile-key&page=2&apikey=again");
        filter.apply(exchange);
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("mobile");
        assertThat(exchange.upstreamQuery()).isEqualTo("q=1&page=2");
        GatewayExchange only = exchange("/r?apikey=mobile-key");
        filter.apply(only);
        assertThat(only.upstreamQuery()).isNull();
    }

    @Test
    void keepCredentialsForwardsTheKeyButStillReplacesIdentityHeaders() {
        KeyAuthFilter filter = builder().keepCredentials(true).queryParameter("apikey").build();
        GatewayExchange exchange = exchange("/r?apikey=x", "X-API-Key", "mobile-key", "X-Consumer-Id", "admin");
        filter.apply(exchange);
        assertThat(exchange.requestHeaders().get("X-API-Key")).isEqualTo("mobile-key");
        assertThat(exchange.upstreamQuery()).isEqualTo("apikey=x");
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Id")).containsExactly("mobile");
    }

    @Test
    void isAnAuthenticationFilterThatRunsBeforeDefaultOrderFilters() {
        KeyAuthFilter filter = builder().build();
        assertThat(filter).isInstanceOf(AuthenticationFilter.class);
        assertThat(filter.getOrder()).isEqualTo(SecurityOrder.AUTHENTICATION).isLessThan(0);
    }

    @Test
    void factoryBindsDefaultsAndValidates() {
        KeyAuthFilter.Factory factory = new KeyAuthFilter.Factory(STORE, InstantSource.fixed(NOW));
        assertThat(factory.name()).isEqualTo("key-auth");
        assertThat(factory.shortcutFields()).containsExactly("headers");
        KeyAuthFilter.Factory.Config config = new KeyAuthFilter.Factory.Config();
        GatewayExchange exchange = exchange("/r", "X-API-Key", "mobile-key");
        ((KeyAuthFilter) factory.create(config)).apply(exchange);
        assertThat(exchange.requestHeaders().get("X-Consumer-Id")).isEqualTo("mobile");

        config.setHeaders(List.of("X-Key", "x-key"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("headers[1]: 'x-key' is listed twice (expected: distinct header names)");
        config.setHeaders(List.of("X Key"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("headers[0]: 'X Key' (expected: a header name");
        config.setHeaders(List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("headers: [] (expected: at least one header or query parameter");
        config.setHeaders(List.of("X-Consumer-Id"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageContaining("is also an identity header");
        config.setHeaders(List.of("X-API-Key"));
        config.getIdentityHeaders().setGroups("Bad Header");
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("identity-headers.groups: 'Bad Header'");
    }
}
