package dev.portico.gateway.filter.builtin;

import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.internal.ForwardedHeaderNames;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class StripPrefixFilterPropertyTest {

    /** What was stripped and what remains together are the original path: nothing is lost or invented. */
    @Property(tries = 300)
    void prefixAndRemainderRebuildThePath(
            @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(min = 1, max = 5) String> segments,
            @ForAll boolean trailingSlash, @ForAll @IntRange(min = 1, max = 8) int parts) {
        String path = "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
        GatewayExchange exchange = Exchanges.get(path);
        StripPrefixFilter.of(parts).apply(exchange);
        String prefix = exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX);
        String rest = exchange.upstreamPath();

        int stripped = Math.min(parts, segments.size());
        assertThat(prefix).isEqualTo("/" + String.join("/", segments.subList(0, stripped)));
        assertThat(rest).startsWith("/");
        if (!rest.equals("/")) {
            assertThat(prefix + rest).isEqualTo(path);
        }
        else {
            assertThat(path).isIn(prefix, prefix + "/");
        }
    }
}
