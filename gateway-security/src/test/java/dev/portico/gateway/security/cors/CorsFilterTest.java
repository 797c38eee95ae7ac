package dev.portico.gateway.security.cors;

import java.time.Duration;
import java.util.List;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CorsFilterTest {

    static final CorsFilter API = CorsFilter.of(c -> {
        c.setAllowedOrigins(List.of("https://app.example.com"));
        c.setAllowedOriginPatterns(List.of("https://*.tenant.example"));
        c.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        c.setAllowedHeaders(List.of("Content-Type", "X-Request-Id"));
        c.setExposedHeaders(List.of("X-Request-Id", "ETag"));
        c.setAllowCredentials(true);
        c.setMaxAge(Duration.ofMinutes(10));
    });

    static GatewayExchange exchange(HttpMethod method, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set("Host", "gw.example.com");
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return GatewayExchange.of(method, "/api/x", h, null);
    }

    /** Both halves, as a compiled route runs them: the request side, then (unless it ended) the response side. */
    static GatewayExchange run(CorsFilter filter, GatewayExchange exchange) {
        filter.apply(exchange);
        filter.applyResponse(exchange);
        return exchange;
    }

    @Test
    void preflightIsAnsweredWith204AndTheGrants() {
        GatewayExchange e = exchange(HttpMethod.OPTIONS, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "content-type, x-request-id");
        run(API, e);
        assertThat(e.isResponded()).isTrue();
        assertThat(e.responseStatus()).isEqualTo(204);
        HttpHeaders r = e.responseHeaders();
        assertThat(r.get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.get("Access-Control-Allow-Methods")).isEqualTo("GET,POST,DELETE");
        assertThat(r.get("Access-Control-Allow-Headers")).isEqualTo("content-type,x-request-id");
        assertThat(r.get("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(r.getAll("Vary")).containsExactly("Origin", "Access-Control-Request-Method",
                "Access-Control-Request-Headers");
        assertThat(r.contains("Access-Control-Expose-Headers")).isFalse();
    }

    @Test
    void preflightFromAnOriginPatternEchoesTheOrigin() {
        GatewayExchange e = run(API, exchange(HttpMethod.OPTIONS, "Origin", "https://acme.tenant.example",
                "Access-Control-Request-Method", "GET"));
        assertThat(e.responseStatus()).isEqualTo(204);
        assertThat(e.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("https://acme.tenant.example");
        assertThat(e.responseHeaders().contains("Access-Control-Allow-Headers")).isFalse();
    }

    @Test
    void preflightRefusals() {
        assertThat(refusal(exchange(HttpMethod.OPTIONS, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET"))).isEqualTo("CORS: origin is not allowed");
        assertThat(refusal(exchange(HttpMethod.OPTIONS, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PUT"))).isEqualTo("CORS: method is not allowed");
        assertThat(refusal(exchange(HttpMethod.OPTIONS, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Secret")))
                .isEqualTo("CORS: request headers are not allowed");
    }

    static String refusal(GatewayExchange e) {
        GatewayException refused = catchThrowableOfType(GatewayException.class, () -> API.apply(e));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(e.isResponded()).isFalse();
        return refused.detail();
    }

    @Test
    void actualRequestGetsTheGrantOnItsResponseAndUpstreamCorsHeadersAreReplaced() {
        GatewayExchange e = exchange(HttpMethod.POST, "Origin", "https://app.example.com");
        API.apply(e);
        assertThat(e.isResponded()).isFalse();
        e.responseHeaders().set("Access-Control-Allow-Origin", "*"); // the upstream's own answer
        e.responseHeaders().set("Vary", "Accept-Encoding");
        API.applyResponse(e);
        HttpHeaders r = e.responseHeaders();
        assertThat(r.getAll("Access-Control-Allow-Origin")).containsExactly("https://app.example.com");
        assertThat(r.get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.get("Access-Control-Expose-Headers")).isEqualTo("X-Request-Id,ETag");
        assertThat(r.getAll("Vary")).containsExactly("Accept-Encoding", "Origin");
        assertThat(r.contains("Access-Control-Allow-Methods")).isFalse();
    }

    @Test
    void actualRequestFromADisallowedOriginOrWithADisallowedMethodIsRefused() {
        assertThat(refusal(exchange(HttpMethod.GET, "Origin", "https://evil.example")))
                .isEqualTo("CORS: origin is not allowed");
        assertThat(refusal(exchange(HttpMethod.PUT, "Origin", "https://app.example.com")))
                .isEqualTo("CORS: method is not allowed");
        // an OPTIONS without Access-Control-Request-Method is an actual request, with a method not allowed
        assertThat(refusal(exchange(HttpMethod.OPTIONS, "Origin", "https://app.example.com")))
                .isEqualTo("CORS: method is not allowed");
    }

    @Test
    void requestsWithoutOriginOrFromTheGatewayItselfPassWithVaryOnly() {
        GatewayExchange none = run(API, exchange(HttpMethod.PUT));
        assertThat(none.isResponded()).isFalse();
        assertThat(none.responseHeaders().getAll("Vary")).containsExactly("Origin");
        assertThat(none.responseHeaders().contains("Access-Control-Allow-Origin")).isFalse();
        GatewayExchange same = run(API, exchange(HttpMethod.PUT, "Origin", "http://gw.example.com"));
        assertThat(same.isResponded()).isFalse();
        assertThat(same.responseHeaders().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void varyIsNotRepeated() {
        GatewayExchange e = exchange(HttpMethod.GET, "Origin", "https://app.example.com");
        e.responseHeaders().set("Vary", "accept-encoding, origin");
        run(API, e);
        assertThat(e.responseHeaders().getAll("Vary")).containsExactly("accept-encoding, origin");
    }

    @Test
    void sameOriginComparesSchemeHostAndPortWithDefaultPorts() {
        assertThat(CorsFilter.sameOrigin("http://gw.example.com", "http", "gw.example.com")).isTrue();
        assertThat(CorsFilter.sameOrigin("http://GW.example.com", "http", "gw.example.com:80")).isTrue();
        assertThat(CorsFilter.sameOrigin("https://gw.example.com:443", "https", "gw.example.com")).isTrue();
        assertThat(CorsFilter.sameOrigin("https://gw.example.com", "http", "gw.example.com")).isFalse();
        assertThat(CorsFilter.sameOrigin("http://gw.example.com:8080", "http", "gw.example.com")).isFalse();
        assertThat(CorsFilter.sameOrigin("http://gw.example.com.evil", "http", "gw.example.com")).isFalse();
        assertThat(CorsFilter.sameOrigin("http://gw.example.com", "http", null)).isFalse();
    }

    @Test
    void anyOriginWithoutCredentialsAndAnyMethodEchoesTheRequestedMethod() {
        CorsFilter open = CorsFilter.of(c -> {
            c.setAllowedOrigins(List.of("*"));
            c.setAllowedMethods(List.of("*"));
            c.setAllowedHeaders(List.of("*"));
        });
        GatewayExchange e = run(open, exchange(HttpMethod.OPTIONS, "Origin", "https://x.example",
                "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "X-Anything"));
        assertThat(e.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(e.responseHeaders().get("Access-Control-Allow-Methods")).isEqualTo("PATCH");
        assertThat(e.responseHeaders().get("Access-Control-Allow-Headers")).isEqualTo("X-Anything");
        assertThat(e.responseHeaders().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void invalidConfigurationFailsAtStartup() {
        CorsFilter.Factory factory = new CorsFilter.Factory();
        CorsFilter.Factory.Config config = new CorsFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allowed-origins: [] (expected: at least one origin");
        config.setAllowedOrigins(List.of("*"));
        config.setAllowCredentials(true);
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allowed-origins: [*] with allow-credentials: true (expected: explicit");
        config.setAllowedOrigins(List.of("https://app.example.com/path"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allowed-origins[0]: 'https://app.example.com/path' (expected: an origin");
        config.setAllowedOrigins(List.of("https://*.example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageContaining("use allowed-origin-patterns for wildcards");
        config.setAllowedOrigins(List.of("https://app.example.com"));
        config.setAllowedMethods(List.of("GET", "PO ST"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allowed-methods[1]: 'PO ST' (expected: a method name");
        config.setAllowedMethods(List.of("get"));
        config.setExposedHeaders(List.of("*"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("exposed-headers: [*] with allow-credentials: true");
        config.setExposedHeaders(List.of());
        config.setMaxAge(Duration.ofSeconds(-5));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("max-age: PT-5S (expected: a duration >= 0");
        config.setMaxAge(null);
        CorsFilter filter = (CorsFilter) factory.create(config);
        assertThat(filter.configuration().getAllowedMethods()).containsExactly("GET"); // upper-cased
    }

    @Test
    void factoryDefaultsAreSpringsPermitDefaults() {
        CorsFilter.Factory.Config config = new CorsFilter.Factory.Config();
        config.setAllowedOrigins(List.of("https://app.example.com"));
        CorsFilter filter = (CorsFilter) new CorsFilter.Factory().create(config);
        GatewayExchange e = run(filter, exchange(HttpMethod.OPTIONS, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "Authorization"));
        assertThat(e.responseHeaders().get("Access-Control-Allow-Methods")).isEqualTo("GET,HEAD,POST");
        assertThat(e.responseHeaders().get("Access-Control-Allow-Headers")).isEqualTo("Authorization");
        assertThat(e.responseHeaders().get("Access-Control-Max-Age")).isEqualTo("1800");
        assertThat(new CorsFilter.Factory().shortcutFields()).containsExactly("allowed-origins");
    }
}
