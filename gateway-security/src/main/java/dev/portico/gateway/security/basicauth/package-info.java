/**
 * {@code basic-auth}: RFC 7617 authentication against the consumers' basic-auth credentials, with the password hash
 * checked by Spring Security's {@code PasswordEncoder} off the event loop.
 */
@NullMarked
package dev.portico.gateway.security.basicauth;

import org.jspecify.annotations.NullMarked;
