/** Small utilities with no dependency on the rest of the engine. Not API: may change without notice. */
@NullMarked
package dev.portico.gateway.internal;

import org.jspecify.annotations.NullMarked;
