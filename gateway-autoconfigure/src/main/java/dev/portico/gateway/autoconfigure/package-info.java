/** Spring Boot auto-configuration: binds {@code portico.*} properties into the engine model and serves it. */
@NullMarked
package dev.portico.gateway.autoconfigure;

import org.jspecify.annotations.NullMarked;
