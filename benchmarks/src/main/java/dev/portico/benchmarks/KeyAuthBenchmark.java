package dev.portico.benchmarks;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import dev.portico.gateway.security.keyauth.KeyAuthFilter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code key-auth} costs per request: SHA-256 of a 40-character key, the store lookup among 10 or 10,000
 * consumers (two keys each), stripping the key and setting the identity headers. Each operation first puts the key
 * back on a reused exchange ({@link #resetOnly} measures that part alone), so the difference is the filter.
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am -Pbench -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar KeyAuth -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class KeyAuthBenchmark {

    private static final AsciiString HEADER = AsciiString.of("X-API-Key");

    @Param({ "10", "10000" })
    public int consumers;

    private KeyAuthFilter filter;
    private GatewayExchange exchange;
    private HttpHeaders headers;
    private String validKey;
    private String unknownKey;

    @Setup
    public void setUp() {
        List<ConsumerCredentials> all = new ArrayList<>();
        for (int i = 0; i < this.consumers; i++) {
            all.add(ConsumerCredentials.builder(new Consumer("consumer-" + i, Set.of("group-" + (i % 7)), Map.of()))
                    .apiKey(ApiKey.of(key(i, "a")))
                    .apiKey(ApiKey.of(key(i, "b")))
                    .build());
        }
        this.filter = KeyAuthFilter.of(InMemoryConsumerStore.of(all));
        this.validKey = key(this.consumers / 2, "b");
        this.unknownKey = key(-1, "x");
        this.headers = new DefaultHttpHeaders();
        this.headers.add("Host", "api.example.com").add("Accept", "application/json")
                .add("User-Agent", "bench/1.0");
        this.exchange = GatewayExchange.of(HttpMethod.GET, "/reports/daily?day=1", this.headers,
                new InetSocketAddress("10.0.0.5", 51000));
    }

    /** A 40-character key, the length of typical generated keys. */
    private static String key(int i, String suffix) {
        return String.format("pk_live_%024d_%s______", i, suffix).substring(0, 40);
    }

    @Benchmark
    public Object resetOnly() {
        this.headers.set(HEADER, this.validKey);
        return this.headers;
    }

    @Benchmark
    public Object validKey() {
        this.headers.set(HEADER, this.validKey);
        this.filter.apply(this.exchange);
        return this.exchange.attr(GatewayAttributes.CONSUMER);
    }

    @Benchmark
    public Object unknownKey() {
        this.headers.set(HEADER, this.unknownKey);
        try {
            this.filter.apply(this.exchange);
            throw new IllegalStateException("accepted an unknown key");
        }
        catch (GatewayException expected) {
            return expected;
        }
    }
}
