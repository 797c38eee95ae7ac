/** {@code secure-headers}: HSTS, nosniff, frame options, referrer policy, CSP and permissions policy on responses. */
@NullMarked
package dev.portico.gateway.security.headers;

import org.jspecify.annotations.NullMarked;
