package dev.portico.gateway.security.jwt;

import java.util.Collection;

import dev.portico.gateway.filter.GatewayException;

/** The RFC 6750 answers: 401 with {@code WWW-Authenticate: Bearer ...}, 403 with {@code insufficient_scope}. */
final class BearerErrors {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    /** No token at all: a plain challenge (RFC 6750 section 3: no error code when the request had no credentials). */
    static final GatewayException MISSING = new GatewayException(401, "Unauthorized", "a bearer token is required")
            .withHeader(WWW_AUTHENTICATE, "Bearer");

    static final GatewayException MALFORMED = invalidToken("malformed token");
    static final GatewayException TOO_LARGE = invalidToken("token too large");
    static final GatewayException UNKNOWN_ISSUER = invalidToken("unknown issuer");
    static final GatewayException ISSUER_NOT_ACCEPTED = invalidToken("issuer not accepted on this route");
    static final GatewayException INVALID = invalidToken("invalid token");
    static final GatewayException EXPIRED = invalidToken("token expired");
    static final GatewayException NOT_YET_VALID = invalidToken("token not yet valid");
    static final GatewayException INVALID_ISSUER = invalidToken("invalid issuer");
    static final GatewayException INVALID_AUDIENCE = invalidToken("invalid audience");
    static final GatewayException ISSUER_UNAVAILABLE = new GatewayException(503, "Service Unavailable",
            "the token issuer's keys could not be fetched");

    private BearerErrors() {
    }

    static GatewayException invalidToken(String description) {
        return new GatewayException(401, "Unauthorized", description).withHeader(WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    /** 403 naming the scopes the route needs (RFC 6750 section 3.1). */
    static GatewayException insufficientScope(Collection<String> scopes) {
        String description = "the token lacks the scope this route requires";
        StringBuilder header = new StringBuilder("Bearer error=\"insufficient_scope\", error_description=\"")
                .append(description).append('"');
        if (!scopes.isEmpty()) {
            header.append(", scope=\"").append(String.join(" ", scopes)).append('"');
        }
        return new GatewayException(403, "Forbidden", description).withHeader(WWW_AUTHENTICATE, header.toString());
    }
}
