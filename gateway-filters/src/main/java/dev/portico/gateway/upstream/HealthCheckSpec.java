package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How an upstream's nodes are actively probed: {@code GET <path>} every {@code interval}, a probe failing when it
 * takes longer than {@code timeout}, cannot connect, or answers a status outside {@code expectedStatuses}. A node
 * turns unhealthy after {@code unhealthyThreshold} failures in a row and healthy again after
 * {@code healthyThreshold} successes in a row. Immutable; validated once when built.
 *
 * <pre>{@code
 * HealthCheckSpec spec = HealthCheckSpec.builder()
 *         .path("/actuator/health")
 *         .interval(Duration.ofSeconds(10))
 *         .timeout(Duration.ofSeconds(2))
 *         .expectedStatuses("2xx", "304")
 *         .build();
 * }</pre>
 *
 * <p>Defaults: path {@code /health}, interval 5 s, timeout 1 s, statuses 200-399, healthy threshold 2, unhealthy
 * threshold 3, the node's own {@code Host}.
 */
public final class HealthCheckSpec {

    /** How users configure it; the start of every validation message. */
    private static final String SPEC = "health-check";

    private static final HealthCheckSpec DEFAULTS = builder().build();

    private final String path;
    private final Duration interval;
    private final Duration timeout;
    private final List<String> expectedStatuses;
    private final BitSet expected;
    private final int healthyThreshold;
    private final int unhealthyThreshold;
    private final @Nullable String host;

    private HealthCheckSpec(Builder b) {
        if (b.path.isEmpty() || b.path.charAt(0) != '/') {
            throw InvalidSpecException.of(SPEC, "path", "'" + b.path + "'", "expected: starts with '/'");
        }
        if (b.path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw InvalidSpecException.of(SPEC, "path", "'" + b.path + "' contains whitespace or control characters",
                    "expected: an encoded path such as /health");
        }
        positive("interval", b.interval);
        positive("timeout", b.timeout);
        if (b.timeout.compareTo(b.interval) >= 0) {
            throw InvalidSpecException.of(SPEC, "timeout", b.timeout, "expected: < interval " + b.interval);
        }
        if (b.healthyThreshold < 1) {
            throw InvalidSpecException.of(SPEC, "healthy-threshold", b.healthyThreshold, "expected: >= 1");
        }
        if (b.unhealthyThreshold < 1) {
            throw InvalidSpecException.of(SPEC, "unhealthy-threshold", b.unhealthyThreshold, "expected: >= 1");
        }
        if (b.host != null && (b.host.isBlank() || b.host.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw InvalidSpecException.of(SPEC, "host", "'" + b.host + "'",
                    "expected: a host name with an optional port, e.g. users.internal:8080");
        }
        if (b.expectedStatuses.isEmpty()) {
            String fix = "expected: at least one code, class or range, e.g. 2xx";
            throw InvalidSpecException.withMessage("health-check expected-statuses is empty (" + fix + ")",
                    "expected-statuses", "empty", fix);
        }
        BitSet expected = new BitSet(600);
        for (String status : b.expectedStatuses) {
            parseStatuses(status, expected);
        }
        this.path = b.path;
        this.interval = b.interval;
        this.timeout = b.timeout;
        this.expectedStatuses = List.copyOf(b.expectedStatuses);
        this.expected = expected;
        this.healthyThreshold = b.healthyThreshold;
        this.unhealthyThreshold = b.unhealthyThreshold;
        this.host = b.host;
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw InvalidSpecException.of(SPEC, name, value, "expected: > 0");
        }
    }

    /** Adds the codes of {@code 200}, {@code 2xx} or {@code 200-399} to {@code into}. */
    private static void parseStatuses(String spec, BitSet into) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int from;
        int to;
        try {
            if (s.length() == 3 && s.endsWith("xx")) {
                from = Integer.parseInt(s.substring(0, 1)) * 100;
                to = from + 99;
            }
            else if (s.indexOf('-') > 0) {
                int dash = s.indexOf('-');
                from = Integer.parseInt(s.substring(0, dash).trim());
                to = Integer.parseInt(s.substring(dash + 1).trim());
            }
            else {
                from = Integer.parseInt(s);
                to = from;
            }
        }
        catch (NumberFormatException ex) {
            from = -1;
            to = -1;
        }
        if (from < 100 || to > 599 || from > to) {
            throw InvalidSpecException.of(SPEC, "expected-statuses", "'" + spec + "'",
                    "expected: a code like 200, a class like 2xx, or a range like 200-399, within 100-599");
        }
        into.set(from, to + 1);
    }

    /** Path {@code /health}, interval 5 s, timeout 1 s, statuses 200-399, thresholds 2 healthy / 3 unhealthy. */
    public static HealthCheckSpec defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = this.path;
        b.interval = this.interval;
        b.timeout = this.timeout;
        b.expectedStatuses = new ArrayList<>(this.expectedStatuses);
        b.healthyThreshold = this.healthyThreshold;
        b.unhealthyThreshold = this.unhealthyThreshold;
        b.host = this.host;
        return b;
    }

    /** The probed path, with an optional query; starts with {@code /}. */
    public String path() {
        return this.path;
    }

    /** Time between the starts of two probes of one node. */
    public Duration interval() {
        return this.interval;
    }

    /** Longest a probe may take, connecting included; shorter than the interval. */
    public Duration timeout() {
        return this.timeout;
    }

    /** The expected statuses as configured, e.g. {@code [2xx, 304]}. */
    public List<String> expectedStatuses() {
        return this.expectedStatuses;
    }

    /** Whether a probe answered with {@code status} succeeded. */
    public boolean expects(int status) {
        return status >= 0 && this.expected.get(status);
    }

    /** Successes in a row that turn an unhealthy node healthy. */
    public int healthyThreshold() {
        return this.healthyThreshold;
    }

    /** Failures in a row that turn a healthy node unhealthy. */
    public int unhealthyThreshold() {
        return this.unhealthyThreshold;
    }

    /** The {@code Host} header of probes, or null for the node's own authority. */
    public @Nullable String host() {
        return this.host;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HealthCheckSpec s && s.path.equals(this.path) && s.interval.equals(this.interval)
                && s.timeout.equals(this.timeout) && s.expected.equals(this.expected)
                && s.healthyThreshold == this.healthyThreshold && s.unhealthyThreshold == this.unhealthyThreshold
                && Objects.equals(s.host, this.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.path, this.interval, this.timeout, this.expected, this.healthyThreshold,
                this.unhealthyThreshold, this.host);
    }

    @Override
    public String toString() {
        return "HealthCheckSpec[GET " + this.path + " every " + this.interval + ", timeout " + this.timeout
                + ", expect " + this.expectedStatuses + ", healthy after " + this.healthyThreshold
                + ", unhealthy after " + this.unhealthyThreshold + (this.host != null ? ", host " + this.host : "")
                + "]";
    }

    /** Builds a {@link HealthCheckSpec}; {@link #build()} validates. */
    public static final class Builder {

        private String path = "/health";
        private Duration interval = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(1);
        private List<String> expectedStatuses = new ArrayList<>(List.of("200-399"));
        private int healthyThreshold = 2;
        private int unhealthyThreshold = 3;
        private @Nullable String host;

        private Builder() {
        }

        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Replaces the expected statuses.
         * @param statuses codes ({@code 200}), classes ({@code 2xx}) or inclusive ranges ({@code 200-399})
         */
        public Builder expectedStatuses(String... statuses) {
            return expectedStatuses(List.of(statuses));
        }

        /** Replaces the expected statuses; see {@link #expectedStatuses(String...)}. */
        public Builder expectedStatuses(List<String> statuses) {
            this.expectedStatuses = new ArrayList<>(statuses);
            return this;
        }

        public Builder healthyThreshold(int healthyThreshold) {
            this.healthyThreshold = healthyThreshold;
            return this;
        }

        public Builder unhealthyThreshold(int unhealthyThreshold) {
            this.unhealthyThreshold = unhealthyThreshold;
            return this;
        }

        /** The {@code Host} header of probes; null (the default) sends the node's own authority. */
        public Builder host(@Nullable String host) {
            this.host = host;
            return this;
        }

        public HealthCheckSpec build() {
            return new HealthCheckSpec(this);
        }
    }
}
