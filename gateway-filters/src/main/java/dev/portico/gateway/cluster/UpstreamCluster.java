package dev.portico.gateway.cluster;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;

import dev.portico.gateway.balancer.LoadBalancer;
import dev.portico.gateway.balancer.LoadBalancers;
import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.health.ActiveHealthChecker;
import dev.portico.gateway.health.Outcome;
import dev.portico.gateway.health.OutlierDetector;
import dev.portico.gateway.health.UpstreamHealth;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamNode;
import dev.portico.gateway.upstream.UpstreamProtocol;
import dev.portico.gateway.upstream.UpstreamTls;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;
import reactor.netty.tcp.SslProvider;

/**
 * The live side of one upstream, built once per upstream definition: its Reactor Netty client and connection pool,
 * an {@link Endpoint} per node, and the load balancer's current picker over the endpoints that may take traffic.
 *
 * <p>Choosing a node is a volatile read of the picker and one {@code pick}: the picker is rebuilt only when
 * availability changes ({@link #refresh()}), never per request. Every {@code HttpClient} configuration call copies
 * the client, so nothing here is configured per request either; per-request values (the response timeout) are set
 * on the request itself.
 */
public final class UpstreamCluster implements AutoCloseable {

    private final Upstream upstream;
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final HttpClient[] endpointClients;
    private final List<Endpoint> endpoints;
    private final LoadBalancer balancer;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private final AtomicInteger activeRetries = new AtomicInteger();
    private volatile LoadBalancer.@Nullable Picker picker;
    private final LoadBalancer.Picker panicPicker;
    private final @Nullable OutlierDetector outlierDetector;
    private final @Nullable ActiveHealthChecker healthChecker;
    private final long slowStartNanos;
    private volatile boolean rampTickScheduled;
    private volatile boolean closed;

    public UpstreamCluster(Upstream upstream, PoolSettings defaults) {
        this.upstream = upstream;
        PoolSettings pool = upstream.pool() != null ? upstream.pool() : defaults;
        ConnectionProvider.Builder provider = ConnectionProvider.builder("portico-" + upstream.name())
                .maxConnections(pool.maxConnections())
                .pendingAcquireTimeout(pool.pendingAcquireTimeout())
                .maxIdleTime(pool.maxIdleTime());
        if (pool.maxLifeTime() != null) {
            provider.maxLifeTime(pool.maxLifeTime());
        }
        this.pool = provider.build();
        this.client = configure(HttpClient.create(this.pool), upstream)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.timeouts().connect().toMillis())
                .keepAlive(true)
                .followRedirect(false)
                .compress(false);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < upstream.nodes().size(); i++) {
            endpoints.add(new Endpoint(upstream.nodes().get(i), i));
        }
        this.endpoints = List.copyOf(endpoints);
        this.endpointClients = forEndpoints(this.client, this.endpoints);
        OutlierDetectionSpec outliers = upstream.outlierDetection();
        LoadBalancerSpec balancing = upstream.loadBalancer();
        if (balancing.slowStart().isZero() && outliers != null && !outliers.slowStart().isZero()
                && balancing.policy() != LoadBalancerSpec.Policy.CONSISTENT_HASH) {
            balancing = balancing.withSlowStart(outliers.slowStart()); // hashing keeps keys put instead of ramping
        }
        this.balancer = LoadBalancers.create(balancing);
        this.slowStartNanos = balancing.slowStart().toNanos();
        this.panicPicker = this.balancer.picker(this.endpoints, System.nanoTime());
        this.outlierDetector = outliers == null ? null : new OutlierDetector(outliers, this.endpoints, this::refresh);
        HealthCheckSpec check = upstream.healthCheck();
        // probes speak the same protocol and TLS as requests, over a new connection each
        this.healthChecker = check == null ? null
                : new ActiveHealthChecker(check, this.endpoints, configure(HttpClient.newConnection(), upstream),
                        this::refresh);
        refresh();
    }

    /**
     * The upstream's protocol and TLS on a client. h2 is offered with ALPN next to HTTP/1.1; h2c is prior knowledge.
     * TLS applies to https nodes only (Reactor Netty drops it for http URLs); without {@link UpstreamTls} settings it
     * is the JVM's default trust. Hostname verification stays on either way.
     */
    static HttpClient configure(HttpClient client, Upstream upstream) {
        UpstreamProtocol protocol = upstream.protocol();
        HttpClient configured = switch (protocol) {
            case HTTP1_1 -> client.protocol(HttpProtocol.HTTP11);
            case H2 -> client.protocol(HttpProtocol.H2, HttpProtocol.HTTP11);
            case H2C -> client.protocol(HttpProtocol.H2C);
        };
        if (upstream.nodes().stream().noneMatch(UpstreamNode::secure)) {
            return configured;
        }
        UpstreamTls tls = upstream.tls();
        if (tls == null && protocol == UpstreamProtocol.HTTP1_1) {
            return configured.secure();
        }
        AbstractProtocolSslContextSpec<?> context = protocol == UpstreamProtocol.H2 ? Http2SslContextSpec.forClient()
                : Http11SslContextSpec.forClient();
        if (tls != null) {
            context.configure(builder -> {
                if (!tls.defaultTrust()) {
                    builder.trustManager(tls.trustedCertificates());
                }
                if (tls.clientKey() != null) {
                    builder.keyManager(tls.clientKey(), tls.clientCertificateChain());
                }
            });
        }
        String serverName = tls != null ? tls.serverName() : null;
        return configured.secure(spec -> {
            SslProvider.Builder ssl = spec.sslContext(context);
            if (serverName != null) {
                ssl.serverNames(new SNIHostName(serverName));
            }
        });
    }

    /**
     * One client per endpoint, bound to its address: requests then pass only the path and query, and Reactor Netty
     * skips parsing an absolute URL (a regular expression) on every request. Plain for http nodes, TLS for https.
     */
    private static HttpClient[] forEndpoints(HttpClient client, List<Endpoint> endpoints) {
        HttpClient[] clients = new HttpClient[endpoints.size()];
        for (Endpoint endpoint : endpoints) {
            UpstreamNode node = endpoint.node();
            String host = node.uri().getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = node.uri().getPort() != -1 ? node.uri().getPort() : (node.secure() ? 443 : 80);
            InetSocketAddress address = InetSocketAddress.createUnresolved(host, port);
            clients[endpoint.index()] = (node.secure() ? client : client.noSSL()).remoteAddress(() -> address);
        }
        return clients;
    }

    /** Starts background health checking (active probes, ejection sweeps); a no-op without health settings. */
    public UpstreamCluster start() {
        if (this.outlierDetector != null) {
            this.outlierDetector.start();
        }
        if (this.healthChecker != null) {
            this.healthChecker.start();
        }
        return this;
    }

    public Upstream upstream() {
        return this.upstream;
    }

    public String name() {
        return this.upstream.name();
    }

    /** The client of each endpoint, by {@link Endpoint#index()} (the upstream's connect timeout). */
    public HttpClient[] endpointClients() {
        return this.endpointClients.clone();
    }

    /**
     * Endpoint clients sharing this pool with another connect timeout: for a route override, built when routes
     * compile.
     */
    public HttpClient[] endpointClients(Duration connect) {
        return forEndpoints(this.client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connect.toMillis()),
                this.endpoints);
    }

    public List<Endpoint> endpoints() {
        return this.endpoints;
    }

    /**
     * An endpoint for a request, avoiding {@code exclude} when possible; {@code null} when no endpoint may take
     * traffic and the upstream is not in panic mode.
     */
    public @Nullable Endpoint choose(GatewayExchange exchange, Collection<Endpoint> exclude) {
        LoadBalancer.Picker current = this.picker;
        if (current == null) {
            return this.upstream.panic() ? this.panicPicker.pick(exchange, exclude) : null;
        }
        return current.pick(exchange, exclude);
    }

    /**
     * Rebuilds the picker over the endpoints available now: called when availability changes (a health verdict, an
     * ejection or its end) and, while an endpoint ramps up after returning, every tenth of the slow-start window.
     */
    public synchronized void refresh() {
        long now = System.nanoTime();
        List<Endpoint> available = new ArrayList<>(this.endpoints.size());
        boolean ramping = false;
        for (Endpoint endpoint : this.endpoints) {
            if (endpoint.available(now)) {
                available.add(endpoint);
                ramping |= endpoint.endRampIfDone(now, this.slowStartNanos);
            }
        }
        this.picker = available.isEmpty() ? null : this.balancer.picker(List.copyOf(available), now);
        if (ramping && this.slowStartNanos > 0 && !this.rampTickScheduled && !this.closed) {
            this.rampTickScheduled = true;
            Mono.delay(Duration.ofNanos(Math.max(this.slowStartNanos / 10, 1_000_000))).subscribe(tick -> {
                this.rampTickScheduled = false;
                refresh();
            });
        }
    }

    /** What health checking knows about each node now. */
    public UpstreamHealth health() {
        return UpstreamHealth.of(name(), this.endpoints, System.nanoTime());
    }

    /**
     * Records an attempt's outcome for passive health checking: a failure is a 5xx, a connect error, a reset or a
     * timeout.
     */
    public void record(Endpoint endpoint, boolean failure) {
        if (this.outlierDetector != null) {
            this.outlierDetector.record(endpoint, failure ? Outcome.FAILURE : Outcome.SUCCESS);
        }
    }

    /** Requests in flight to this upstream (first attempts and retries). */
    public AtomicInteger activeRequests() {
        return this.activeRequests;
    }

    /** Takes a retry slot if the retry budget allows one more retry in flight. */
    public boolean tryAcquireRetry(RetryPolicy policy) {
        int limit = Math.max(policy.minRetryConcurrency(), this.activeRequests.get() * policy.budgetPercent() / 100);
        while (true) {
            int current = this.activeRetries.get();
            if (current >= limit) {
                return false;
            }
            if (this.activeRetries.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void releaseRetry() {
        this.activeRetries.decrementAndGet();
    }

    @Override
    public void close() {
        stopHealthChecks();
        this.pool.disposeLater().subscribe();
    }

    private void stopHealthChecks() {
        this.closed = true;
        if (this.outlierDetector != null) {
            this.outlierDetector.close();
        }
        if (this.healthChecker != null) {
            this.healthChecker.close();
        }
    }

    /**
     * Closes the pool after a grace period: requests still running on a replaced route table may yet need a
     * connection from it.
     */
    public void closeAfter(Duration grace) {
        stopHealthChecks();
        Mono.delay(grace).then(this.pool.disposeLater()).subscribe();
    }
}
