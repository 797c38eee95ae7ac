/**
 * Security as gateway filters: consumers and their credentials, authentication (key-auth, basic-auth, JWT on Spring
 * Security's decoders and managers), access control, CORS, IP rules, request validation and secure response headers.
 * Each filter depends on the engine's filter API only and is compiled once per route.
 */
@NullMarked
package dev.portico.gateway.security;

import org.jspecify.annotations.NullMarked;
