package dev.portico.gateway.server;

import java.net.InetSocketAddress;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.proxy.Proxy;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.upstream.HashKey;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Target choice of a traffic split, without a server: weights, force rules and sticky buckets. */
class SplitChainTest {

    private static SplitChain chain(TrafficSplit split) {
        return new SplitChain(split, new Proxy[split.targets().size()], null);
    }

    private static GatewayExchange request(String header, String value) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (header != null) {
            headers.set(header, value);
        }
        return GatewayExchange.of(HttpMethod.GET, "/orders", headers, new InetSocketAddress("10.1.2.3", 4000));
    }

    @Test
    void ninetyFiveFiveSplitOverTenThousandRequestsLandsWithinOnePercent() {
        SplitChain chain = chain(TrafficSplit.builder().target("v1", 95).target("v2", 5).build());
        int canary = 0;
        for (int i = 0; i < 10_000; i++) {
            canary += chain.choose(request(null, null));
        }
        assertThat(canary).isBetween(400, 600); // ±1 % of 10,000 around 500; smooth round-robin gives exactly 500
        assertThat(canary).isEqualTo(500);
    }

    @Test
    void forceRuleWinsOverWeightsEvenAtWeightZero() {
        SplitChain chain = chain(TrafficSplit.builder().target("v1", 100).target("v2", 0)
                .force(TrafficSplit.Force.header("X-Canary", "always", "v2")).build());
        for (int i = 0; i < 50; i++) {
            assertThat(chain.choose(request("X-Canary", "always"))).isEqualTo(1);
            assertThat(chain.choose(request("X-Canary", "never"))).isEqualTo(0);
        }
    }

    @Test
    void stickyKeyKeepsAUserOnOneVersionAndUsersSpreadByWeight() {
        SplitChain chain = chain(TrafficSplit.builder().target("v1", 75).target("v2", 25)
                .sticky(HashKey.header("X-User")).build());
        int onCanary = 0;
        for (int user = 0; user < 2_000; user++) {
            int first = chain.choose(request("X-User", "user-" + user));
            for (int again = 0; again < 5; again++) {
                assertThat(chain.choose(request("X-User", "user-" + user))).isEqualTo(first);
            }
            onCanary += first;
        }
        assertThat(onCanary).isBetween(400, 600); // ~25 % of 2,000 users
    }

    @Test
    void aUserOnTheCanaryStaysThereAsItsWeightGrows() {
        TrafficSplit five = TrafficSplit.builder().target("v1", 95).target("v2", 5).sticky(HashKey.header("X-User")).build();
        SplitChain at5 = chain(five);
        SplitChain at25 = chain(five.withWeights(java.util.Map.of("v1", 75, "v2", 25)));
        int onCanaryAt5 = 0;
        int onCanaryAt25 = 0;
        for (int user = 0; user < 2_000; user++) {
            GatewayExchange exchange = request("X-User", "user-" + user);
            boolean canaryAt25 = at25.choose(exchange) == 1;
            onCanaryAt25 += canaryAt25 ? 1 : 0;
            if (at5.choose(exchange) == 1) {
                onCanaryAt5++;
                assertThat(canaryAt25).as("user-%d left the canary when its weight grew", user).isTrue();
            }
        }
        // the loop above must have checked someone: ~5 % and ~25 % of 2,000 users
        assertThat(onCanaryAt5).isBetween(50, 150);
        assertThat(onCanaryAt25).isBetween(400, 600);
    }

    @Test
    void invalidSplitsAreRejected() {
        assertThatThrownBy(() -> TrafficSplit.builder().target("v1", 100).build())
                .hasMessage("a split needs at least two targets (got 1)");
        assertThatThrownBy(() -> TrafficSplit.builder().target("v1", 0).target("v2", 0).build())
                .hasMessage("split weights are all 0 (expected at least one above 0)");
        assertThatThrownBy(() -> TrafficSplit.builder().target("v1", 1).target("v2", 1)
                .force(TrafficSplit.Force.header("X-Canary", "1", "v3")).build())
                .hasMessageStartingWith("force rule targets 'v3', which is not in the split");
        TrafficSplit split = TrafficSplit.builder().target("v1", 1).target("v2", 1).build();
        assertThatThrownBy(() -> split.withWeights(java.util.Map.of("v9", 1)))
                .hasMessage("'v9' is not a target of this split (expected one of [v1, v2])");
    }
}
