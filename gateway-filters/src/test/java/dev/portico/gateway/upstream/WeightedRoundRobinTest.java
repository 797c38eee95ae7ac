package dev.portico.gateway.upstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedRoundRobinTest {

    static final UpstreamNode A = UpstreamNode.of(java.net.URI.create("http://a:1"), 5);
    static final UpstreamNode B = UpstreamNode.of(java.net.URI.create("http://b:1"), 1);
    static final UpstreamNode C = UpstreamNode.of(java.net.URI.create("http://c:1"), 1);

    static List<String> picks(WeightedRoundRobin wrr, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(wrr.next().uri().getHost());
        }
        return out;
    }

    @Test
    void weightsFiveOneOneGiveTheSmoothNginxSequence() {
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(A, B, C));
        assertThat(wrr.period()).isEqualTo(7);
        assertThat(picks(wrr, 14)).containsExactly("a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a",
                "a");
    }

    @Test
    void distributionIsExactOverEveryPeriod() {
        UpstreamNode x = UpstreamNode.of(java.net.URI.create("http://x:1"), 3);
        UpstreamNode y = UpstreamNode.of(java.net.URI.create("http://y:1"), 2);
        UpstreamNode z = UpstreamNode.of(java.net.URI.create("http://z:1"), 7);
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(x, y, z));
        assertThat(wrr.period()).isEqualTo(12);
        for (int period = 0; period < 5; period++) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            picks(wrr, 12).forEach(host -> counts.merge(host, 1, Integer::sum));
            assertThat(counts).containsEntry("x", 3).containsEntry("y", 2).containsEntry("z", 7);
        }
    }

    @Test
    void commonFactorsOfWeightsShortenThePeriod() {
        UpstreamNode x = UpstreamNode.of(java.net.URI.create("http://x:1"), 200);
        UpstreamNode y = UpstreamNode.of(java.net.URI.create("http://y:1"), 100);
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(x, y));
        assertThat(wrr.period()).isEqualTo(3);
        assertThat(picks(wrr, 6)).containsExactly("x", "y", "x", "x", "y", "x");
    }

    @Test
    void equalWeightsAlternateInDeclarationOrder() {
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(B, C));
        assertThat(picks(wrr, 4)).containsExactly("b", "c", "b", "c");
    }

    @Test
    void singleNodeIsAlwaysPicked() {
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(A));
        assertThat(picks(wrr, 3)).containsOnly("a");
    }

    @Test
    void concurrentPicksKeepTheDistributionExact() throws Exception {
        WeightedRoundRobin wrr = new WeightedRoundRobin(List.of(A, B, C));
        Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < 7_000; i++) {
                counts.merge(wrr.next().uri().getHost(), 1, Integer::sum);
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(counts).containsEntry("a", 20_000).containsEntry("b", 4_000).containsEntry("c", 4_000);
    }
}
