/**
 * The built-in filters: path, header, query, status, redirect, body-size and host rewrites. Each is a small final
 * class that validates its configuration once and does no I/O per request; each has a nested {@code Factory} that
 * YAML {@code filters:} entries name. {@link dev.portico.gateway.filter.builtin.BuiltinFilters#factories()} lists
 * them all.
 */
@NullMarked
package dev.portico.gateway.filter.builtin;

import org.jspecify.annotations.NullMarked;
