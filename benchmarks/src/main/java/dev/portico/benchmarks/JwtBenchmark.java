package dev.portico.benchmarks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.security.jwt.JwtAuthenticator;
import dev.portico.gateway.security.jwt.JwtFilter;
import dev.portico.gateway.security.jwt.JwtIssuer;
import dev.portico.gateway.security.jwt.ValidatedTokenCache;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
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
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * One request through the {@code jwt} filter (RS256, 2048-bit key, a scope rule and one claim header), with and
 * without the validated-token cache; {@code exchangeOnly} is the cost of building the exchange, to subtract.
 * The decoder is Spring Security's {@code NimbusReactiveJwtDecoder} with a local public key: no HTTP.
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am -Pbench -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar Jwt -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtBenchmark {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.7", 50000);
    private static final GatewayFilterChain END = exchange -> Mono.empty();

    @Param({ "true", "false" })
    public boolean cache;

    private JwtFilter filter;
    private String authorization;

    @Setup
    public void setup() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("https://issuer.bench"));
        JwtAuthenticator authenticator = JwtAuthenticator.builder()
                .issuer(JwtIssuer.of(JwtIssuer.DEFAULT, "https://issuer.bench", decoder))
                .cache(this.cache ? ValidatedTokenCache.of(10_000, Duration.ofMinutes(5)) : null)
                .build();
        this.filter = JwtFilter.builder(authenticator).scopes("orders:read").claimToHeader("sub", "X-User-Id")
                .build();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.bench").subject("user-42").audience("orders")
                        .claim("scope", "orders:read profile").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(3600))).build());
        jwt.sign(new RSASSASigner(key));
        this.authorization = "Bearer " + jwt.serialize();
        request(); // fails fast if the setup is wrong
    }

    @Benchmark
    public Object request() {
        GatewayExchange exchange = exchange();
        this.filter.filter(exchange, END).block();
        return exchange;
    }

    @Benchmark
    public Object exchangeOnly() {
        return exchange();
    }

    private GatewayExchange exchange() {
        HttpHeaders headers = new DefaultHttpHeaders().set("Host", "api.example").set("Authorization",
                this.authorization);
        return GatewayExchange.of(HttpMethod.GET, "/orders/1", headers, CLIENT);
    }
}
