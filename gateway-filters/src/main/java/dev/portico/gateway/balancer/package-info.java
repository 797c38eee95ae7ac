/** Load-balancing policies (runtime): pickers built over the endpoints that may receive traffic now. */
@NullMarked
package dev.portico.gateway.balancer;

import org.jspecify.annotations.NullMarked;
