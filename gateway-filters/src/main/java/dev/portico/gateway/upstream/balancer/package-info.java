/** Load-balancing policies: pickers built over the endpoints that may receive traffic. */
@NullMarked
package dev.portico.gateway.upstream.balancer;

import org.jspecify.annotations.NullMarked;
