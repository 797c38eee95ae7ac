/** Helpers of the security filters; not API. */
@NullMarked
package dev.portico.gateway.security.internal;

import org.jspecify.annotations.NullMarked;
