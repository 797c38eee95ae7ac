package dev.portico.gateway.filter.builtin;

import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Limits the request body size, so one client cannot stream unbounded data through the gateway into a service. A
 * declared {@code Content-Length} over the limit is refused here with 413, before anything goes upstream; a body
 * without a length (chunked) is counted by the proxy as it streams and fails with 413 when it crosses the limit.
 * Nothing is buffered.
 *
 * <pre>{@code
 * Route.builder("uploads").match(m -> m.path("/upload/**")).uri("http://127.0.0.1:9001")
 *         .filter(RequestSizeFilter.of(DataSize.ofMegabytes(5)))
 *         .build();
 * }</pre>
 *
 * <p>When several request-size filters run (a default one and a route's), the last sets the streaming limit, but
 * each checks {@code Content-Length} against its own: a route cannot raise a default limit for requests that
 * declare their length.
 */
public final class RequestSizeFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "request-size";

    /** The limit when none is given: 5MB. */
    public static final DataSize DEFAULT_MAX = DataSize.ofMegabytes(5);

    private final DataSize max;
    private final long maxBytes;
    /** Shared: a GatewayException has no stack trace and no suppression, so refusing allocates nothing. */
    private final GatewayException tooLarge;

    private RequestSizeFilter(@Nullable DataSize max) {
        if (max == null || max.isNegative()) {
            throw new IllegalArgumentException("max: " + max + " (expected: a size >= 0B, e.g. 5MB)");
        }
        this.max = max;
        this.maxBytes = max.toBytes();
        this.tooLarge = GatewayException.contentTooLarge(this.maxBytes);
    }

    /** A filter that refuses request bodies larger than {@code max}. */
    public static RequestSizeFilter of(DataSize max) {
        return new RequestSizeFilter(Objects.requireNonNull(max, "max"));
    }

    /** A filter that refuses request bodies larger than {@code maxBytes} bytes. */
    public static RequestSizeFilter ofBytes(long maxBytes) {
        return new RequestSizeFilter(DataSize.ofBytes(maxBytes));
    }

    public DataSize max() {
        return this.max;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.maxRequestBodyBytes(this.maxBytes);
        String length = exchange.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && exceeds(length, this.maxBytes)) {
            throw this.tooLarge;
        }
    }

    /**
     * Whether a Content-Length value is a number above {@code max}, parsed without allocating. A malformed value is
     * left to the proxy's streaming count.
     */
    static boolean exceeds(String length, long max) {
        int n = length.length();
        if (n == 0) {
            return false;
        }
        long value = 0;
        boolean over = false;
        for (int i = 0; i < n; i++) {
            char c = length.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (!over) {
                int digit = c - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    over = true; // beyond any long, so beyond max; keep checking that the rest are digits
                }
                else {
                    value = value * 10 + digit;
                    over = value > max;
                }
            }
        }
        return over;
    }

    @Override
    public String toString() {
        return "RequestSizeFilter[max=" + this.max + "]";
    }

    /** Makes {@code request-size} filters: {@code - request-size: 5MB}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "max");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new RequestSizeFilter(config.getMax());
        }

        /** Configuration of {@code request-size}. */
        public static class Config {

            /** Largest request body allowed, e.g. 512KB or 5MB; 0B allows no body. */
            private DataSize max = DEFAULT_MAX;

            public DataSize getMax() {
                return this.max;
            }

            public void setMax(DataSize max) {
                this.max = max;
            }
        }
    }
}
