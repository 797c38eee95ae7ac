package dev.portico.gateway.security.headers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.ResponseFilter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Adds the response headers that make browsers safer, with the defaults of Spring Security and helmet:
 *
 * <pre>
 * Strict-Transport-Security: max-age=31536000; includeSubDomains      (https requests only, see below)
 * X-Content-Type-Options: nosniff
 * X-Frame-Options: DENY
 * Referrer-Policy: no-referrer
 * X-XSS-Protection: 0
 * Content-Security-Policy: ...                                         (only when configured)
 * Permissions-Policy: ...                                              (only when configured)
 * </pre>
 *
 * <pre>{@code
 * Route.builder("web").match(m -> m.path("/**")).uri("http://127.0.0.1:9001")
 *         .filter(SecureHeadersFilter.builder()
 *                 .contentSecurityPolicy("default-src 'self'; frame-ancestors 'none'")
 *                 .permissionsPolicy("camera=(), geolocation=()")
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Every value is validated and rendered when the filter is built; per response the filter only sets
 * precomputed header objects. A header the upstream already sent is kept unless {@code override} is set, as Spring
 * Security's header writers do. HSTS is sent on responses to requests that reached the gateway over https
 * ({@link GatewayExchange#scheme()}); when TLS ends in front of the gateway, set {@code hsts.https-only: false}.
 * Problem responses the gateway produces itself keep their fixed shape and carry none of these headers.
 */
public final class SecureHeadersFilter implements ResponseFilter {

    /** The YAML name. */
    public static final String NAME = "secure-headers";

    static final AsciiString HSTS = AsciiString.cached("strict-transport-security");
    static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("x-content-type-options");
    static final AsciiString FRAME_OPTIONS = AsciiString.cached("x-frame-options");
    static final AsciiString REFERRER_POLICY = AsciiString.cached("referrer-policy");
    static final AsciiString XSS_PROTECTION = AsciiString.cached("x-xss-protection");
    static final AsciiString CSP = AsciiString.cached("content-security-policy");
    static final AsciiString CSP_REPORT_ONLY = AsciiString.cached("content-security-policy-report-only");
    static final AsciiString PERMISSIONS_POLICY = AsciiString.cached("permissions-policy");

    private static final Set<String> REFERRER_POLICIES = Set.of("no-referrer", "no-referrer-when-downgrade", "origin",
            "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
            "unsafe-url");

    /** What {@code X-Frame-Options} says. */
    public enum FrameOptions {
        /** No framing at all. */
        DENY,
        /** Framing by pages of the same origin only. */
        SAMEORIGIN,
        /** No {@code X-Frame-Options} header (use CSP {@code frame-ancestors} instead). */
        DISABLED
    }

    private final AsciiString[] names;
    private final AsciiString[] values;
    private final @Nullable AsciiString hsts;
    private final boolean hstsHttpsOnly;
    private final boolean override;

    private SecureHeadersFilter(Builder b) {
        List<AsciiString> names = new ArrayList<>();
        List<AsciiString> values = new ArrayList<>();
        if (b.contentTypeOptions) {
            names.add(CONTENT_TYPE_OPTIONS);
            values.add(AsciiString.cached("nosniff"));
        }
        if (b.frameOptions == null) {
            throw new IllegalArgumentException("frame-options: null (expected: DENY, SAMEORIGIN or DISABLED)");
        }
        if (b.frameOptions != FrameOptions.DISABLED) {
            names.add(FRAME_OPTIONS);
            values.add(AsciiString.cached(b.frameOptions.name()));
        }
        if (b.referrerPolicy != null && !b.referrerPolicy.isBlank()) {
            List<String> policies = new ArrayList<>();
            for (String policy : b.referrerPolicy.split(",")) {
                String p = policy.trim().toLowerCase(Locale.ROOT);
                if (!REFERRER_POLICIES.contains(p)) {
                    throw new IllegalArgumentException("referrer-policy: '" + b.referrerPolicy + "' (expected: one of "
                            + new java.util.TreeSet<>(REFERRER_POLICIES)
                            + ", or several separated by commas as fallbacks, or empty for none)");
                }
                policies.add(p);
            }
            names.add(REFERRER_POLICY);
            values.add(AsciiString.cached(String.join(", ", policies)));
        }
        if (b.xssProtectionOff) {
            names.add(XSS_PROTECTION);
            values.add(AsciiString.cached("0"));
        }
        if (b.contentSecurityPolicy != null && !b.contentSecurityPolicy.isBlank()) {
            names.add(b.contentSecurityPolicyReportOnly ? CSP_REPORT_ONLY : CSP);
            values.add(AsciiString.cached(policy("content-security-policy", b.contentSecurityPolicy)));
        }
        if (b.permissionsPolicy != null && !b.permissionsPolicy.isBlank()) {
            names.add(PERMISSIONS_POLICY);
            values.add(AsciiString.cached(permissionsPolicy(b.permissionsPolicy)));
        }
        if (b.hsts) {
            if (b.hstsMaxAge == null || b.hstsMaxAge.isNegative()) {
                throw new IllegalArgumentException("hsts.max-age: " + b.hstsMaxAge
                        + " (expected: a duration >= 0, e.g. 365d; 0 tells browsers to forget the host)");
            }
            if (b.hstsPreload && (!b.hstsIncludeSubDomains || b.hstsMaxAge.getSeconds() < 31_536_000)) {
                throw new IllegalArgumentException("hsts.preload: true with max-age " + b.hstsMaxAge
                        + " and include-sub-domains " + b.hstsIncludeSubDomains
                        + " (expected: max-age >= 365d and include-sub-domains: true, as preload lists require)");
            }
            this.hsts = AsciiString.cached("max-age=" + b.hstsMaxAge.getSeconds()
                    + (b.hstsIncludeSubDomains ? "; includeSubDomains" : "") + (b.hstsPreload ? "; preload" : ""));
        }
        else {
            this.hsts = null;
        }
        this.hstsHttpsOnly = b.hstsHttpsOnly;
        this.override = b.override;
        this.names = names.toArray(AsciiString[]::new);
        this.values = values.toArray(AsciiString[]::new);
    }

    /** A filter with the defaults. */
    public static SecureHeadersFilter defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A CSP: directives separated by {@code ;}, each a name of letters and hyphens followed by its sources. */
    private static String policy(String property, String value) {
        checkVisible(property, value);
        List<String> directives = new ArrayList<>();
        for (String directive : value.split(";")) {
            String d = directive.trim();
            if (d.isEmpty()) {
                continue;
            }
            int space = d.indexOf(' ');
            String name = space < 0 ? d : d.substring(0, space);
            if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                throw new IllegalArgumentException(property + ": directive '" + name + "' in '" + value
                        + "' (expected: directives such as \"default-src 'self'; frame-ancestors 'none'\")");
            }
            directives.add(d.replaceAll("\\s+", " "));
        }
        if (directives.isEmpty()) {
            throw new IllegalArgumentException(property + ": '" + value + "' (expected: at least one directive)");
        }
        return String.join("; ", directives);
    }

    /** A Permissions-Policy: {@code feature=allowlist} entries separated by commas. */
    private static String permissionsPolicy(String value) {
        checkVisible("permissions-policy", value);
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            String feature = eq < 0 ? "" : e.substring(0, eq).trim();
            String allowlist = eq < 0 ? "" : e.substring(eq + 1).trim();
            if (feature.isEmpty() || !feature.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '-')
                    || allowlist.isEmpty()) {
                throw new IllegalArgumentException("permissions-policy: entry '" + e + "' in '" + value
                        + "' (expected: feature=allowlist entries separated by commas, e.g. camera=(), geolocation=(self))");
            }
            entries.add(feature + "=" + allowlist);
        }
        return String.join(", ", entries);
    }

    private static void checkVisible(String property, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(property + ": '" + value.replaceAll("[^\\x20-\\x7e]", "?")
                        + "' has a control or non-ASCII character at index " + i
                        + " (expected: visible ASCII, as a header value)");
            }
        }
    }

    @Override
    public void applyResponse(GatewayExchange exchange) {
        HttpHeaders headers = exchange.responseHeaders();
        AsciiString[] names = this.names;
        for (int i = 0; i < names.length; i++) {
            put(headers, names[i], this.values[i]);
        }
        if (this.hsts != null && (!this.hstsHttpsOnly || "https".equals(exchange.scheme()))) {
            put(headers, HSTS, this.hsts);
        }
    }

    private void put(HttpHeaders headers, AsciiString name, AsciiString value) {
        if (this.override || !headers.contains(name)) {
            headers.set(name, value);
        }
    }

    /** The headers this filter sends (HSTS included, whatever the scheme), by lower-case name. */
    public java.util.Map<String, String> headers() {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        if (this.hsts != null) {
            all.put(HSTS.toString(), this.hsts.toString());
        }
        for (int i = 0; i < this.names.length; i++) {
            all.put(this.names[i].toString(), this.values[i].toString());
        }
        return all;
    }

    @Override
    public String toString() {
        return "SecureHeadersFilter" + headers();
    }

    /** Builds a {@link SecureHeadersFilter}; starts with the defaults. */
    public static final class Builder {

        private boolean hsts = true;
        private @Nullable Duration hstsMaxAge = Duration.ofDays(365);
        private boolean hstsIncludeSubDomains = true;
        private boolean hstsPreload;
        private boolean hstsHttpsOnly = true;
        private boolean contentTypeOptions = true;
        private @Nullable FrameOptions frameOptions = FrameOptions.DENY;
        private @Nullable String referrerPolicy = "no-referrer";
        private boolean xssProtectionOff = true;
        private @Nullable String contentSecurityPolicy;
        private boolean contentSecurityPolicyReportOnly;
        private @Nullable String permissionsPolicy;
        private boolean override;

        private Builder() {
        }

        /** Whether to send {@code Strict-Transport-Security}. */
        public Builder hsts(boolean hsts) {
            this.hsts = hsts;
            return this;
        }

        public Builder hstsMaxAge(@Nullable Duration maxAge) {
            this.hstsMaxAge = maxAge;
            return this;
        }

        public Builder hstsIncludeSubDomains(boolean includeSubDomains) {
            this.hstsIncludeSubDomains = includeSubDomains;
            return this;
        }

        public Builder hstsPreload(boolean preload) {
            this.hstsPreload = preload;
            return this;
        }

        /** Whether HSTS goes only on responses to https requests (the default). */
        public Builder hstsHttpsOnly(boolean httpsOnly) {
            this.hstsHttpsOnly = httpsOnly;
            return this;
        }

        public Builder contentTypeOptions(boolean nosniff) {
            this.contentTypeOptions = nosniff;
            return this;
        }

        public Builder frameOptions(@Nullable FrameOptions frameOptions) {
            this.frameOptions = frameOptions;
            return this;
        }

        /** A referrer policy, several separated by commas, or {@code null}/empty for no header. */
        public Builder referrerPolicy(@Nullable String referrerPolicy) {
            this.referrerPolicy = referrerPolicy;
            return this;
        }

        /** Whether to send {@code X-XSS-Protection: 0}, which turns off the harmful legacy XSS auditor. */
        public Builder xssProtectionOff(boolean off) {
            this.xssProtectionOff = off;
            return this;
        }

        public Builder contentSecurityPolicy(@Nullable String policy) {
            this.contentSecurityPolicy = policy;
            return this;
        }

        public Builder contentSecurityPolicyReportOnly(boolean reportOnly) {
            this.contentSecurityPolicyReportOnly = reportOnly;
            return this;
        }

        public Builder permissionsPolicy(@Nullable String policy) {
            this.permissionsPolicy = policy;
            return this;
        }

        /** Whether to replace headers the upstream sent (by default its own values are kept). */
        public Builder override(boolean override) {
            this.override = override;
            return this;
        }

        /** @throws IllegalArgumentException naming the property when a value is invalid */
        public SecureHeadersFilter build() {
            return new SecureHeadersFilter(this);
        }
    }

    /** Makes {@code secure-headers} filters: {@code - secure-headers} (defaults) or the map form. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class);
        }

        @Override
        public GatewayFilter create(Config config) {
            Config.Hsts hsts = config.getHsts();
            return builder().hsts(hsts.isEnabled()).hstsMaxAge(hsts.getMaxAge())
                    .hstsIncludeSubDomains(hsts.isIncludeSubDomains()).hstsPreload(hsts.isPreload())
                    .hstsHttpsOnly(hsts.isHttpsOnly()).contentTypeOptions(config.isContentTypeOptions())
                    .frameOptions(config.getFrameOptions()).referrerPolicy(config.getReferrerPolicy())
                    .xssProtectionOff(config.isXssProtectionOff())
                    .contentSecurityPolicy(config.getContentSecurityPolicy())
                    .contentSecurityPolicyReportOnly(config.isContentSecurityPolicyReportOnly())
                    .permissionsPolicy(config.getPermissionsPolicy()).override(config.isOverride()).build();
        }

        /** Configuration of {@code secure-headers}. */
        public static class Config {

            /** Strict-Transport-Security. */
            private Hsts hsts = new Hsts();

            /** Whether to send X-Content-Type-Options: nosniff. */
            private boolean contentTypeOptions = true;

            /** X-Frame-Options: DENY, SAMEORIGIN, or DISABLED for none (CSP frame-ancestors supersedes it). */
            private FrameOptions frameOptions = FrameOptions.DENY;

            /** Referrer-Policy, e.g. no-referrer or strict-origin-when-cross-origin; empty for none. */
            private @Nullable String referrerPolicy = "no-referrer";

            /** Whether to send X-XSS-Protection: 0, turning off the legacy XSS auditor. */
            private boolean xssProtectionOff = true;

            /** Content-Security-Policy, e.g. "default-src 'self'; frame-ancestors 'none'"; none by default. */
            private @Nullable String contentSecurityPolicy;

            /** Whether the policy is sent as Content-Security-Policy-Report-Only. */
            private boolean contentSecurityPolicyReportOnly;

            /** Permissions-Policy, e.g. "camera=(), geolocation=(self)"; none by default. */
            private @Nullable String permissionsPolicy;

            /** Whether to replace these headers when the upstream sent them (by default the upstream's are kept). */
            private boolean override;

            public Hsts getHsts() {
                return this.hsts;
            }

            public void setHsts(Hsts hsts) {
                this.hsts = hsts;
            }

            public boolean isContentTypeOptions() {
                return this.contentTypeOptions;
            }

            public void setContentTypeOptions(boolean contentTypeOptions) {
                this.contentTypeOptions = contentTypeOptions;
            }

            public FrameOptions getFrameOptions() {
                return this.frameOptions;
            }

            public void setFrameOptions(FrameOptions frameOptions) {
                this.frameOptions = frameOptions;
            }

            public @Nullable String getReferrerPolicy() {
                return this.referrerPolicy;
            }

            public void setReferrerPolicy(@Nullable String referrerPolicy) {
                this.referrerPolicy = referrerPolicy;
            }

            public boolean isXssProtectionOff() {
                return this.xssProtectionOff;
            }

            public void setXssProtectionOff(boolean xssProtectionOff) {
                this.xssProtectionOff = xssProtectionOff;
            }

            public @Nullable String getContentSecurityPolicy() {
                return this.contentSecurityPolicy;
            }

            public void setContentSecurityPolicy(@Nullable String contentSecurityPolicy) {
                this.contentSecurityPolicy = contentSecurityPolicy;
            }

            public boolean isContentSecurityPolicyReportOnly() {
                return this.contentSecurityPolicyReportOnly;
            }

            public void setContentSecurityPolicyReportOnly(boolean contentSecurityPolicyReportOnly) {
                this.contentSecurityPolicyReportOnly = contentSecurityPolicyReportOnly;
            }

            public @Nullable String getPermissionsPolicy() {
                return this.permissionsPolicy;
            }

            public void setPermissionsPolicy(@Nullable String permissionsPolicy) {
                this.permissionsPolicy = permissionsPolicy;
            }

            public boolean isOverride() {
                return this.override;
            }

            public void setOverride(boolean override) {
                this.override = override;
            }

            /** Strict-Transport-Security. */
            public static class Hsts {

                /** Whether to send Strict-Transport-Security. */
                private boolean enabled = true;

                /** How long browsers remember to use https only; 0 tells them to forget. */
                private Duration maxAge = Duration.ofDays(365);

                /** Whether the policy also covers every subdomain. */
                private boolean includeSubDomains = true;

                /** Whether to ask for inclusion in browsers' preload lists (needs max-age >= 365d and subdomains). */
                private boolean preload;

                /** Whether to send it only on responses to https requests; false when TLS ends before the gateway. */
                private boolean httpsOnly = true;

                public boolean isEnabled() {
                    return this.enabled;
                }

                public void setEnabled(boolean enabled) {
                    this.enabled = enabled;
                }

                public Duration getMaxAge() {
                    return this.maxAge;
                }

                public void setMaxAge(Duration maxAge) {
                    this.maxAge = maxAge;
                }

                public boolean isIncludeSubDomains() {
                    return this.includeSubDomains;
                }

                public void setIncludeSubDomains(boolean includeSubDomains) {
                    this.includeSubDomains = includeSubDomains;
                }

                public boolean isPreload() {
                    return this.preload;
                }

                public void setPreload(boolean preload) {
                    this.preload = preload;
                }

                public boolean isHttpsOnly() {
                    return this.httpsOnly;
                }

                public void setHttpsOnly(boolean httpsOnly) {
                    this.httpsOnly = httpsOnly;
                }
            }
        }
    }
}
