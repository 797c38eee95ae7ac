/** Live state of one upstream node (runtime): load, latency, health verdicts and ejections. */
@NullMarked
package dev.portico.gateway.endpoint;

import org.jspecify.annotations.NullMarked;
