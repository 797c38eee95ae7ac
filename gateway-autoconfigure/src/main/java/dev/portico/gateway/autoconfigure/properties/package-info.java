/**
 * The shape of the {@code portico.*} namespace, read from the properties classes: strict key checking at startup
 * ({@link dev.portico.gateway.autoconfigure.properties.StrictBindingAdvisor}) and the JSON schema for editors
 * ({@link dev.portico.gateway.autoconfigure.properties.schema.SchemaGenerator}). Not API.
 */
@NullMarked
package dev.portico.gateway.autoconfigure.properties;

import org.jspecify.annotations.NullMarked;
