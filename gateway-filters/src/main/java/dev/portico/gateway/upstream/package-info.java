/**
 * Upstream definitions: immutable, validated specs of named node sets, TLS, protocol, pools, timeouts, retries,
 * hedging, balancing and health checking. Nothing here holds runtime state; the live side is in
 * {@code dev.portico.gateway.cluster}, {@code endpoint}, {@code balancer} and {@code health}.
 */
@NullMarked
package dev.portico.gateway.upstream;

import org.jspecify.annotations.NullMarked;
