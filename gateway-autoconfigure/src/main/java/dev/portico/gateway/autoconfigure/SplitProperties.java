package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A route's traffic split across upstreams: a canary release. See docs/canary.md. */
public class SplitProperties {

    /** Target upstreams and their relative weights, in order; the first is the primary that rollbacks return to. */
    private List<Target> targets = new ArrayList<>();

    /** Rules that pin a request to a target by header or cookie value, before weights apply. */
    private List<Force> force = new ArrayList<>();

    /** Key that keeps a user on one version: header:<name>, cookie:<name>, client-ip, path or consumer. */
    private @Nullable String sticky;

    /** Automatic rollback of a target whose error rate spikes. */
    private final Rollback rollback = new Rollback();

    public List<Target> getTargets() {
        return this.targets;
    }

    public void setTargets(List<Target> targets) {
        this.targets = targets;
    }

    public List<Force> getForce() {
        return this.force;
    }

    public void setForce(List<Force> force) {
        this.force = force;
    }

    public @Nullable String getSticky() {
        return this.sticky;
    }

    public void setSticky(@Nullable String sticky) {
        this.sticky = sticky;
    }

    public Rollback getRollback() {
        return this.rollback;
    }

    /** One target of a split. */
    public static class Target {

        /** Name of the upstream (under portico.upstreams). */
        private @Nullable String upstream;

        /** Relative weight, 0 to 10000. */
        private int weight;

        public @Nullable String getUpstream() {
            return this.upstream;
        }

        public void setUpstream(@Nullable String upstream) {
            this.upstream = upstream;
        }

        public int getWeight() {
            return this.weight;
        }

        public void setWeight(int weight) {
            this.weight = weight;
        }
    }

    /** Pins requests with a header or cookie value to one target. */
    public static class Force {

        /** Header whose value is compared (set this or cookie). */
        private @Nullable String header;

        /** Cookie whose value is compared (set this or header). */
        private @Nullable String cookie;

        /** Value that selects the target. */
        private @Nullable String value;

        /** The target upstream. */
        private @Nullable String upstream;

        public @Nullable String getHeader() {
            return this.header;
        }

        public void setHeader(@Nullable String header) {
            this.header = header;
        }

        public @Nullable String getCookie() {
            return this.cookie;
        }

        public void setCookie(@Nullable String cookie) {
            this.cookie = cookie;
        }

        public @Nullable String getValue() {
            return this.value;
        }

        public void setValue(@Nullable String value) {
            this.value = value;
        }

        public @Nullable String getUpstream() {
            return this.upstream;
        }

        public void setUpstream(@Nullable String upstream) {
            this.upstream = upstream;
        }
    }

    /** Rolls a target back to weight 0 (its weight going to the first target) when its error rate spikes. */
    public static class Rollback {

        /** Whether automatic rollback is on. */
        private boolean enabled;

        /** Share of 5xx or failed requests, in percent, that triggers a rollback. */
        private int errorRate = 20;

        /** Requests a target must have in the window before its error rate counts. */
        private int minRequests = 20;

        /** Length of the window the rate is measured over. */
        private Duration window = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getErrorRate() {
            return this.errorRate;
        }

        public void setErrorRate(int errorRate) {
            this.errorRate = errorRate;
        }

        public int getMinRequests() {
            return this.minRequests;
        }

        public void setMinRequests(int minRequests) {
            this.minRequests = minRequests;
        }

        public Duration getWindow() {
            return this.window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }
}
