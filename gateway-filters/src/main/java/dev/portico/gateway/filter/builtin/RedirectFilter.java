package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;

/**
 * Answers with a redirect instead of proxying: for moved endpoints and domain changes, without an upstream. The
 * {@code Location} may use {@code {name}} placeholders for the route's URI variables (raw, as sent), parsed once.
 *
 * <pre>{@code
 * Route.builder("old-docs").match(m -> m.path("/docs/{page}")).uri("http://127.0.0.1:9001")
 *         .filter(RedirectFilter.of(301, "https://docs.example.com/{page}"))
 *         .build();
 * }</pre>
 *
 * <p>The request's query is not carried over; the response has no body. A placeholder the route does not capture
 * is a 500 naming it.
 */
public final class RedirectFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "redirect";

    /** The status when none is given: 302 Found. */
    public static final int DEFAULT_STATUS = 302;

    private final int status;
    private final VariableTemplate location;

    private RedirectFilter(int status, @Nullable String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("status: " + status + " (expected: a redirect status, 300-399)");
        }
        String value = Checks.required("location", location, "a URL or path, e.g. https://example.com/{page}");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("location: " + Checks.quote(value)
                        + " (expected: a URI without spaces or control characters; percent-encode them)");
            }
        }
        this.status = status;
        this.location = VariableTemplate.parse("location", value);
    }

    /** A 302 redirect to {@code location}. */
    public static RedirectFilter of(String location) {
        return new RedirectFilter(DEFAULT_STATUS, location);
    }

    /** A redirect with {@code status} (300-399) to {@code location}. */
    public static RedirectFilter of(int status, String location) {
        return new RedirectFilter(status, location);
    }

    public int status() {
        return this.status;
    }

    public String location() {
        return this.location.toString();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.responseHeaders().set(HttpHeaderNames.LOCATION, this.location.expand(exchange, NAME));
        exchange.respond(this.status);
    }

    @Override
    public String toString() {
        return "RedirectFilter[" + this.status + " " + this.location + "]";
    }

    /** Makes {@code redirect} filters: {@code - redirect: 301, https://example.com/}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "status", "location");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new RedirectFilter(config.getStatus(), config.getLocation());
        }

        /** Configuration of {@code redirect}. */
        public static class Config {

            /** Redirect status, 300-399. */
            private int status = DEFAULT_STATUS;

            /** Target for the Location header; {name} placeholders take the route's URI variables. Required. */
            private @Nullable String location;

            public int getStatus() {
                return this.status;
            }

            public void setStatus(int status) {
                this.status = status;
            }

            public @Nullable String getLocation() {
                return this.location;
            }

            public void setLocation(@Nullable String location) {
                this.location = location;
            }
        }
    }
}
