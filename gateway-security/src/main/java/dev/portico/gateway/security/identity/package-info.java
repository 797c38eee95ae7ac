/**
 * Who the caller is, told to the upstream in headers ({@code X-Consumer-Id}, {@code X-Consumer-Groups}), with every
 * client-supplied copy of those headers removed first so that a client cannot claim an identity.
 */
@NullMarked
package dev.portico.gateway.security.identity;

import org.jspecify.annotations.NullMarked;
