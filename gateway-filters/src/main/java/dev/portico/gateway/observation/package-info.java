/**
 * Observability of gateway traffic on Micrometer's Observation API: one observation per proxied request (server
 * side) and one per upstream attempt (client side, a child of the request's), named and tagged by conventions users
 * can replace. With Boot's actuator the same observations become timers (metrics) and spans (tracing, with trace
 * context continued from the client and propagated to the upstream). Without a registry, nothing here runs.
 */
@NullMarked
package dev.portico.gateway.observation;

import org.jspecify.annotations.NullMarked;
