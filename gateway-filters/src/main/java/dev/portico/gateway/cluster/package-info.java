/** The live side of an upstream (runtime): its connection pool, clients, endpoints, balancer and health checking. */
@NullMarked
package dev.portico.gateway.cluster;

import org.jspecify.annotations.NullMarked;
