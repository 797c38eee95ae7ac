package dev.portico.gateway.upstream;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Smooth weighted round-robin (as nginx does it) with the schedule computed once: weights 5:1:1 give
 * {@code a a b a c a a}, not {@code a a a a a b c}. Picking a node is one atomic increment and an array read.
 */
public final class WeightedRoundRobin {

    private final UpstreamNode[] schedule;
    private final AtomicInteger next = new AtomicInteger();

    public WeightedRoundRobin(List<UpstreamNode> nodes) {
        int gcd = 0;
        for (UpstreamNode node : nodes) {
            gcd = gcd(gcd, node.weight());
        }
        int total = 0;
        for (UpstreamNode node : nodes) {
            total += node.weight() / gcd;
        }
        this.schedule = new UpstreamNode[total];
        int[] current = new int[nodes.size()];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < nodes.size(); i++) {
                current[i] += nodes.get(i).weight() / gcd;
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            this.schedule[slot] = nodes.get(best);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public UpstreamNode next() {
        if (this.schedule.length == 1) {
            return this.schedule[0];
        }
        return this.schedule[(this.next.getAndIncrement() & Integer.MAX_VALUE) % this.schedule.length];
    }

    int period() {
        return this.schedule.length;
    }
}
