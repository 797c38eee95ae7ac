/** {@code key-auth}: authentication by API key, looked up by its SHA-256 hash in a consumer store. */
@NullMarked
package dev.portico.gateway.security.keyauth;

import org.jspecify.annotations.NullMarked;
