/** Health of upstream endpoints (runtime): active probes, passive outlier ejection and health snapshots. */
@NullMarked
package dev.portico.gateway.health;

import org.jspecify.annotations.NullMarked;
