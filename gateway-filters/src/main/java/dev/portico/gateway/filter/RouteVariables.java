package dev.portico.gateway.filter;

import java.util.Map;

/**
 * Extracts the variables a route's conditions capture ({@code {id}} in a path template, {@code {tenant}} in a host
 * pattern, named groups of a path regex) from a request. Built once per route; the exchange calls it on first use of
 * {@link GatewayExchange#uriVariables()}, so requests whose filters never read variables never extract them.
 */
@FunctionalInterface
public interface RouteVariables {

    /** No variables. */
    RouteVariables NONE = request -> Map.of();

    Map<String, String> extract(RequestView request);
}
