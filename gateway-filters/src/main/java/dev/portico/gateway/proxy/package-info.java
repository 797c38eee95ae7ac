/** Forwarding one request to an upstream: attempts, retries, hedging, body limits and error mapping. */
@NullMarked
package dev.portico.gateway.proxy;

import org.jspecify.annotations.NullMarked;
