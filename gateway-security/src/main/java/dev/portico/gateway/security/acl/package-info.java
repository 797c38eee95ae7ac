/** {@code consumer-restriction}: which authenticated consumers and groups may use a route. */
@NullMarked
package dev.portico.gateway.security.acl;

import org.jspecify.annotations.NullMarked;
