package dev.portico.gateway.security.headers;

import java.time.Duration;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.security.headers.SecureHeadersFilter.FrameOptions;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecureHeadersFilterTest {

    static GatewayExchange respond(SecureHeadersFilter filter) {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
        filter.applyResponse(exchange);
        return exchange;
    }

    @Test
    void defaultsFollowSpringSecurityAndHelmet() {
        assertThat(SecureHeadersFilter.defaults().headers()).containsExactly(
                java.util.Map.entry("strict-transport-security", "max-age=31536000; includeSubDomains"),
                java.util.Map.entry("x-content-type-options", "nosniff"),
                java.util.Map.entry("x-frame-options", "DENY"),
                java.util.Map.entry("referrer-policy", "no-referrer"),
                java.util.Map.entry("x-xss-protection", "0"));
    }

    @Test
    void hstsOnlyOnHttpsByDefault() {
        GatewayExchange plain = respond(SecureHeadersFilter.defaults()); // a test exchange is http
        assertThat(plain.responseHeaders().contains("Strict-Transport-Security")).isFalse();
        assertThat(plain.responseHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        GatewayExchange anyway = respond(SecureHeadersFilter.builder().hstsHttpsOnly(false).hstsPreload(true).build());
        assertThat(anyway.responseHeaders().get("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
    }

    @Test
    void upstreamValuesAreKeptUnlessOverridden() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
        exchange.responseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        SecureHeadersFilter.defaults().applyResponse(exchange);
        assertThat(exchange.responseHeaders().getAll("X-Frame-Options")).containsExactly("SAMEORIGIN");
        SecureHeadersFilter.builder().override(true).build().applyResponse(exchange);
        assertThat(exchange.responseHeaders().getAll("X-Frame-Options")).containsExactly("DENY");
    }

    @Test
    void optionalPoliciesAreNormalized() {
        SecureHeadersFilter filter = SecureHeadersFilter.builder().frameOptions(FrameOptions.DISABLED)
                .referrerPolicy("no-referrer, Strict-Origin-When-Cross-Origin")
                .contentSecurityPolicy("default-src 'self';  frame-ancestors   'none';")
                .permissionsPolicy("camera=(), geolocation=(self)").build();
        GatewayExchange exchange = respond(filter);
        assertThat(exchange.responseHeaders().contains("X-Frame-Options")).isFalse();
        assertThat(exchange.responseHeaders().get("Referrer-Policy"))
                .isEqualTo("no-referrer, strict-origin-when-cross-origin");
        assertThat(exchange.responseHeaders().get("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; frame-ancestors 'none'");
        assertThat(exchange.responseHeaders().get("Permissions-Policy")).isEqualTo("camera=(), geolocation=(self)");
        GatewayExchange reportOnly = respond(SecureHeadersFilter.builder().contentSecurityPolicy("default-src 'self'")
                .contentSecurityPolicyReportOnly(true).build());
        assertThat(reportOnly.responseHeaders().get("Content-Security-Policy-Report-Only")).isEqualTo("default-src 'self'");
        assertThat(reportOnly.responseHeaders().contains("Content-Security-Policy")).isFalse();
    }

    @Test
    void invalidValuesFailAtStartupNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().referrerPolicy("sometimes").build())
                .withMessageStartingWith("referrer-policy: 'sometimes' (expected: one of [no-referrer,");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().hstsMaxAge(Duration.ofSeconds(-1)).build())
                .withMessageStartingWith("hsts.max-age: PT-1S (expected: a duration >= 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().hstsPreload(true).hstsMaxAge(Duration.ofDays(30)).build())
                .withMessageContaining("hsts.preload: true with max-age PT720H");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().contentSecurityPolicy("default-src 'self'\r\nX: y").build())
                .withMessageContaining("content-security-policy: ").withMessageContaining("control or non-ASCII character at index 18");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().contentSecurityPolicy("default_src 'self'").build())
                .withMessageStartingWith("content-security-policy: directive 'default_src'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SecureHeadersFilter.builder().permissionsPolicy("camera").build())
                .withMessageStartingWith("permissions-policy: entry 'camera'");
    }

    @Test
    void factoryMapsTheConfiguration() {
        SecureHeadersFilter.Factory factory = new SecureHeadersFilter.Factory();
        assertThat(factory.name()).isEqualTo("secure-headers");
        SecureHeadersFilter.Factory.Config config = new SecureHeadersFilter.Factory.Config();
        config.getHsts().setMaxAge(Duration.ofDays(2));
        config.getHsts().setIncludeSubDomains(false);
        config.setFrameOptions(FrameOptions.SAMEORIGIN);
        config.setReferrerPolicy("");
        config.setXssProtectionOff(false);
        SecureHeadersFilter filter = (SecureHeadersFilter) factory.create(config);
        assertThat(filter.headers()).containsOnly(java.util.Map.entry("strict-transport-security", "max-age=172800"),
                java.util.Map.entry("x-content-type-options", "nosniff"),
                java.util.Map.entry("x-frame-options", "SAMEORIGIN"));
    }
}
