/** {@code request-validation}: required headers and query parameters, JSON request bodies against a JSON Schema. */
@NullMarked
package dev.portico.gateway.security.validation;

import org.jspecify.annotations.NullMarked;
