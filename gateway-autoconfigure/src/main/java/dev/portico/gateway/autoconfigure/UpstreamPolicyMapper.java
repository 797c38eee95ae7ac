package dev.portico.gateway.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.portico.gateway.upstream.HashKey;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.UpstreamTls;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Turns the upstream policy properties (balancing, health checks, pool, TLS) into the engine's validated types. Only
 * values the user set reach the engine's builders ({@link PropertyMapper} skips nulls), so the defaults are the
 * engine's; every refusal is the engine's, placed at its full property path by {@link Specs}.
 */
final class UpstreamPolicyMapper {

    private static final PropertyMapper MAP = PropertyMapper.get();

    private UpstreamPolicyMapper() {
    }

    static LoadBalancerSpec loadBalancer(LoadBalancerProperties spec, String property) {
        HashKey key = spec.getHashKey() == null ? null : Specs.valid(null, property + ".hash-key",
                "expected header:<name>, cookie:<name>, client-ip, path or consumer", () -> HashKey.parse(spec.getHashKey()));
        return Specs.valid(null, property, "see docs/upstreams.md#load-balancing",
                () -> LoadBalancerSpec.of(spec.getPolicy(), key, spec.getSlowStart()));
    }

    static @Nullable HealthCheckSpec healthCheck(HealthCheckProperties spec, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        return Specs.valid(null, property, "see docs/upstreams.md#active-health-checks", () -> {
            HealthCheckSpec.Builder b = HealthCheckSpec.builder();
            MAP.from(spec::getPath).to(b::path);
            MAP.from(spec::getInterval).to(b::interval);
            MAP.from(spec::getTimeout).to(b::timeout);
            MAP.from(spec::getExpectedStatuses).to(b::expectedStatuses);
            MAP.from(spec::getHealthyThreshold).to(b::healthyThreshold);
            MAP.from(spec::getUnhealthyThreshold).to(b::unhealthyThreshold);
            MAP.from(spec::getHost).to(b::host);
            return b.build();
        });
    }

    static @Nullable OutlierDetectionSpec outlierDetection(OutlierDetectionProperties spec, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        return Specs.valid(null, property, "see docs/upstreams.md#passive-health-checks", () -> {
            OutlierDetectionSpec.Builder b = OutlierDetectionSpec.builder();
            MAP.from(spec::getConsecutiveFailures).to(b::consecutiveFailures);
            MAP.from(spec::getBaseEjectionTime).to(b::baseEjectionTime);
            MAP.from(spec::getMaxEjectionTime).to(b::maxEjectionTime);
            MAP.from(spec::getMaxEjectionPercent).to(b::maxEjectionPercent);
            MAP.from(spec::getSlowStart).to(b::slowStart);
            return b.build();
        });
    }

    /** {@code base} with each value set in {@code spec} instead; {@code base} itself when none is. */
    static PoolSettings pool(PoolProperties spec, PoolSettings base, String property) {
        return Specs.valid(null, property, "use positive values", () -> {
            PoolSettings pool = base;
            pool = MAP.from(spec::getMaxConnections).to(pool, PoolSettings::withMaxConnections);
            pool = MAP.from(spec::getPendingAcquireTimeout).to(pool, PoolSettings::withPendingAcquireTimeout);
            pool = MAP.from(spec::getMaxIdleTime).to(pool, PoolSettings::withMaxIdleTime);
            return MAP.from(spec::getMaxLifeTime).to(pool, PoolSettings::withMaxLifeTime);
        });
    }

    /** TLS settings, each file read and checked now; {@code null} when none is set. */
    static @Nullable UpstreamTls tls(UpstreamTlsProperties spec, String property) {
        if (!spec.isSet()) {
            return null;
        }
        String files = "give the path of a readable PEM file; see docs/upstream-tls.md";
        UpstreamTls.Builder tls = UpstreamTls.builder();
        List<String> trusted = spec.getTrustedCertificates();
        for (int i = 0; i < trusted.size(); i++) {
            String file = trusted.get(i);
            Specs.valid(null, property + ".trusted-certificates[" + i + "]", files, () -> tls.trustedCertificate(path(file)));
        }
        String certificate = spec.getClientCertificate();
        if (certificate != null) {
            Specs.valid(null, property + ".client-certificate", files, () -> tls.clientCertificate(path(certificate)));
        }
        String key = spec.getClientKey();
        if (key != null) {
            Specs.valid(null, property + ".client-key", files, () -> tls.clientKey(path(key)));
        }
        if (spec.getServerName() != null) {
            Specs.valid(null, property + ".server-name", "use a DNS name the nodes' certificates carry",
                    () -> tls.serverName(spec.getServerName()));
        }
        return Specs.valid(null, property, "set client-certificate and client-key together, a certificate and its own key",
                tls::build); // names client-certificate or client-key itself
    }

    /** A file path, optionally prefixed {@code file:}; classpath resources are not files and are refused. */
    private static Path path(String file) {
        String trimmed = file.trim();
        if (trimmed.startsWith("classpath:")) {
            throw new IllegalArgumentException("'" + file + "' is a classpath resource (expected a file path)");
        }
        return Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
    }
}
