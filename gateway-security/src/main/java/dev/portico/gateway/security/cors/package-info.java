/** {@code cors}: CORS answered at the gateway, on Spring's {@code CorsConfiguration} model and checks. */
@NullMarked
package dev.portico.gateway.security.cors;

import org.jspecify.annotations.NullMarked;
