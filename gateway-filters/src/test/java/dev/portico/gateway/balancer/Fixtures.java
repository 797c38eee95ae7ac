package dev.portico.gateway.balancer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.upstream.UpstreamNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/** Endpoints named by host ({@code http://a:80} is "a"), exchanges, and pick tallies for the balancer tests. */
final class Fixtures {

    static final long NOW = 1_000_000_000L;

    private Fixtures() {
    }

    static Endpoint endpoint(String host, int weight, int index) {
        return new Endpoint(UpstreamNode.of(URI.create("http://" + host + ":80"), weight), index);
    }

    /** Endpoints {@code a, b, c, …} with the given weights. */
    static List<Endpoint> endpoints(int... weights) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            endpoints.add(endpoint(String.valueOf((char) ('a' + i)), weights[i], i));
        }
        return endpoints;
    }

    static String host(Endpoint endpoint) {
        return endpoint.node().uri().getHost();
    }

    static GatewayExchange exchange() {
        return exchange(new DefaultHttpHeaders());
    }

    static GatewayExchange exchange(HttpHeaders headers) {
        return GatewayExchange.of(HttpMethod.GET, "/path", headers, new InetSocketAddress("10.0.0.7", 5000));
    }

    static GatewayExchange withHeader(String name, String value) {
        return exchange(new DefaultHttpHeaders().add(name, value));
    }

    /** Hosts of {@code count} picks, in order. */
    static List<String> picks(LoadBalancer.Picker picker, int count) {
        GatewayExchange exchange = exchange();
        List<String> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hosts.add(host(picker.pick(exchange, List.of())));
        }
        return hosts;
    }

    /** How many of {@code count} picks went to each host (hosts in first-pick order). */
    static Map<String, Integer> tally(LoadBalancer.Picker picker, int count) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String host : picks(picker, count)) {
            counts.merge(host, 1, Integer::sum);
        }
        return counts;
    }
}
