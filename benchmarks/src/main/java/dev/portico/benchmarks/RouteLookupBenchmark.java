package dev.portico.benchmarks;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.internal.HopByHopHeaders;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteTable;
import dev.portico.gateway.server.FilterChainLink;
import dev.portico.gateway.server.ForwardedHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;

/**
 * Route lookup against 10, 1,000 and 10,000 routes of {@link RouteMix}, over a rotating set of 64 pre-built
 * exchanges (hits at depths 1 to 5 and misses), and the in-memory cost of one request before the proxy.
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am -Pbench -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar RouteLookup -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RouteLookupBenchmark {

    private static final int PROBES = 64; // a power of two

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @Param({ "10", "1000", "10000" })
    public int routes;

    private RouteTable<GatewayFilterChain> table;
    private GatewayExchange[] exchanges;
    private RouteMix.Probe[] probes;
    private ForwardedHeaders forwarded;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<Route> routeList = RouteMix.routes(this.routes);
        GatewayFilter[] filters = {
                // two cheap inline filters, like a strip-prefix and an added header
                (InlineFilter) exchange -> {
                    String path = exchange.upstreamPath();
                    int slash = path.indexOf('/', 1);
                    exchange.upstreamPath(slash < 0 ? "/" : path.substring(slash));
                },
                (InlineFilter) exchange -> exchange.requestHeaders().set("x-gateway", "portico") };
        GatewayFilterChain terminal = exchange -> Mono.empty(); // where the proxy would start
        this.table = RouteTable.compile(routeList,
                route -> FilterChainLink.of(filters, terminal, exchange -> Mono.empty()));
        this.probes = RouteMix.probes(this.routes, PROBES).toArray(RouteMix.Probe[]::new);
        this.exchanges = new GatewayExchange[PROBES];
        int hits = 0;
        for (int k = 0; k < PROBES; k++) {
            this.exchanges[k] = this.probes[k].exchange();
            RouteTable.Entry<GatewayFilterChain> found = this.table.find(this.exchanges[k]);
            String id = found == null ? null : found.route().id();
            if (!Objects.equals(id, this.probes[k].expectedRouteId())) {
                throw new IllegalStateException(this.probes[k] + " resolved to " + id);
            }
            hits += found == null ? 0 : 1;
        }
        if (hits == 0 || hits == PROBES) {
            throw new IllegalStateException("expected a mix of hits and misses, got " + hits + " hits");
        }
        this.forwarded = ForwardedHeaders.trustingNone();
    }

    /** {@link RouteTable#find} alone, on pre-built exchanges. */
    @Benchmark
    public RouteTable.Entry<GatewayFilterChain> lookup() {
        return this.table.find(this.exchanges[this.next++ & (PROBES - 1)]);
    }

    /**
     * What {@code GatewayHandler} does in memory for one request before the proxy: build the exchange (path
     * validation), look up the route, strip hop-by-hop headers, add forwarding headers, run two inline filters.
     * Includes building the request's header object, which Netty would have built while decoding.
     */
    @Benchmark
    public void chain(Blackhole bh) {
        RouteMix.Probe probe = this.probes[this.next++ & (PROBES - 1)];
        GatewayExchange exchange = GatewayExchange.of(probe.method(), probe.uri(), probe.headers(), CLIENT);
        RouteTable.Entry<GatewayFilterChain> entry = this.table.find(exchange);
        if (entry == null) {
            bh.consume(exchange);
            return;
        }
        exchange.routed(entry.route().id(), entry.route().match().variables());
        HopByHopHeaders.strip(exchange.requestHeaders());
        exchange.requestHeaders().remove(HttpHeaderNames.EXPECT);
        this.forwarded.apply(exchange);
        bh.consume(entry.value().filter(exchange));
    }
}
