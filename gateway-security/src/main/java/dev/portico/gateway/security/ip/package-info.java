/** {@code ip-restriction}: allow and deny lists of address ranges on the client address trusted proxies report. */
@NullMarked
package dev.portico.gateway.security.ip;

import org.jspecify.annotations.NullMarked;
