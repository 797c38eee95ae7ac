/** The one place responses are written to the client: upstream responses, local responses and problems. Engine-internal: filters change responses through the exchange and ResponseFilter, never here. */
@NullMarked
package dev.portico.gateway.response;

import org.jspecify.annotations.NullMarked;
