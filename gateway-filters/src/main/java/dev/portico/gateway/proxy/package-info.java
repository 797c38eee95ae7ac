/** Forwarding to upstreams: Reactor Netty clients, hop-by-hop and forwarded headers. */
@NullMarked
package dev.portico.gateway.proxy;

import org.jspecify.annotations.NullMarked;
