/** Active health checks and passive outlier ejection of upstream endpoints. */
@NullMarked
package dev.portico.gateway.upstream.health;

import org.jspecify.annotations.NullMarked;
