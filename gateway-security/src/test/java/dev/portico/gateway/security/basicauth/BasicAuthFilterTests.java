package dev.portico.gateway.security.basicauth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.security.AuthenticationFilter;
import dev.portico.gateway.security.consumer.BasicAuthCredential;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicAuthFilterTests {

    static final String OPS_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse");

    static InMemoryConsumerStore store(String hash) {
        return InMemoryConsumerStore.of(List.of(ConsumerCredentials
                .builder(new Consumer("ops-team", Set.of("ops"), Map.of()))
                .basicAuth(BasicAuthCredential.of("ops", hash)).build()));
    }

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    static GatewayExchange exchange(String authorization) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        headers.add("X-Consumer-Id", "admin");
        return GatewayExchange.of(HttpMethod.GET, "/r", headers, new InetSocketAddress("10.0.0.5", 51000));
    }

    /** Runs the filter; returns the name of the thread the rest of the chain ran on. */
    static String run(BasicAuthFilter filter, GatewayExchange exchange) {
        AtomicReference<String> thread = new AtomicReference<>();
        GatewayFilterChain chain = ex -> {
            thread.set(Thread.currentThread().getName());
            return Mono.empty();
        };
        filter.filter(exchange, chain).block(Duration.ofSeconds(10));
        return thread.get();
    }

    static void assertUnauthorized(BasicAuthFilter filter, String authorization) {
        GatewayExchange exchange = exchange(authorization);
        assertThatThrownBy(() -> run(filter, exchange)).isInstanceOfSatisfying(GatewayException.class, ex -> {
            assertThat(ex.status()).isEqualTo(401);
            assertThat(ex.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"reports\", charset=\"UTF-8\"");
        });
        assertThat(exchange.attr(GatewayAttributes.CONSUMER)).isNull();
    }

    @Test
    void validCredentialsSetTheConsumerStripAuthorizationAndSetIdentityHeaders() {
        BasicAuthFilter filter = BasicAuthFilter.builder(store(OPS_HASH)).realm("reports").build();
        GatewayExchange exchange = exchange(basic("ops:correct horse"));
        run(filter, exchange);
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("ops-team");
        assertThat(exchange.requestHeaders().contains("Authorization")).isFalse();
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Id")).containsExactly("ops-team");
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Groups")).containsExactly("ops");
        assertThat(filter).isInstanceOf(AuthenticationFilter.class);
    }

    @Test
    void theHashCheckRunsOffTheCallingThreadAndARepeatIsAnsweredFromTheCache() {
        BasicAuthFilter filter = BasicAuthFilter.builder(store(OPS_HASH)).build();
        String caller = Thread.currentThread().getName();
        assertThat(run(filter, exchange(basic("ops:correct horse")))).startsWith("boundedElastic");
        assertThat(filter.cachedCount()).isEqualTo(1);
        assertThat(run(filter, exchange(basic("ops:correct horse")))).isEqualTo(caller);
    }

    @Test
    void withoutCacheEveryRequestIsCheckedOffThread() {
        BasicAuthFilter filter = BasicAuthFilter.builder(store(OPS_HASH)).cache(Duration.ZERO, 0).build();
        run(filter, exchange(basic("ops:correct horse")));
        assertThat(run(filter, exchange(basic("ops:correct horse")))).startsWith("boundedElastic");
        assertThat(filter.cachedCount()).isZero();
    }

    @Test
    void aChangedPasswordHashInvalidatesTheCachedCheck() {
        InMemoryConsumerStore store = store(OPS_HASH);
        BasicAuthFilter filter = BasicAuthFilter.builder(store).realm("reports").build();
        run(filter, exchange(basic("ops:correct horse")));
        store.replace(store("{bcrypt}" + new BCryptPasswordEncoder(4).encode("new password")).consumers());
        assertUnauthorized(filter, basic("ops:correct horse"));
        run(filter, exchange(basic("ops:new password")));
    }

    @Test
    void wrongPasswordUnknownUserAndMalformedHeadersAre401NeverA500() {
        BasicAuthFilter filter = BasicAuthFilter.builder(store(OPS_HASH)).realm("reports").build();
        assertUnauthorized(filter, null);
        assertUnauthorized(filter, basic("ops:wrong"));
        assertUnauthorized(filter, basic("nobody:correct horse"));
        assertUnauthorized(filter, basic("ops"));                     // no colon
        assertUnauthorized(filter, basic(":correct horse"));          // empty user name
        assertUnauthorized(filter, basic("ops:correct\nhorse"));      // control character
        assertUnauthorized(filter, "Basic");
        assertUnauthorized(filter, "Basic ");
        assertUnauthorized(filter, "Basic !!!not-base64");
        assertUnauthorized(filter, "Basic " + Base64.getEncoder().encodeToString(new byte[] { 'o', 'p', 's', ':', (byte) 0xff }));
        assertUnauthorized(filter, "Bearer abc.def.ghi");
        assertUnauthorized(filter, "Digest username=\"ops\"");
    }

    @Test
    void schemeIsCaseInsensitiveAndKeepCredentialsForwardsAuthorization() {
        BasicAuthFilter filter = BasicAuthFilter.builder(store(OPS_HASH)).keepCredentials(true).build();
        String value = "basic  " + Base64.getEncoder().encodeToString("ops:correct horse".getBytes(StandardCharsets.UTF_8));
        GatewayExchange exchange = exchange(value);
        run(filter, exchange);
        assertThat(exchange.requestHeaders().get("Authorization")).isEqualTo(value);
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Id")).containsExactly("ops-team");
    }

    @Test
    void factoryValidates() {
        BasicAuthFilter.Factory factory = new BasicAuthFilter.Factory(store(OPS_HASH));
        assertThat(factory.name()).isEqualTo("basic-auth");
        assertThat(factory.shortcutFields()).containsExactly("realm");
        BasicAuthFilter.Factory.Config config = new BasicAuthFilter.Factory.Config();
        config.setRealm("say \"hi\"");
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("realm: 'say \"hi\"'");
        config.setRealm("portico");
        config.setCacheTtl(Duration.ofSeconds(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("cache-ttl: PT-1S");
    }
}
