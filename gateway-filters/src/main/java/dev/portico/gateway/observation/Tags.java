package dev.portico.gateway.observation;

import java.util.Locale;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;

/** Tag values from bounded sets, shared by the default conventions. */
final class Tags {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    private static final String[] STATUS_CLASSES = { "NONE", "1xx", "2xx", "3xx", "4xx", "5xx" };

    private Tags() {
    }

    /** A standard method as is; anything a client invented is OTHER (a client must not create meters). */
    static String method(HttpMethod method) {
        String name = method.name();
        return METHODS.contains(name) ? name : "OTHER";
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100] : STATUS_CLASSES[0];
    }

    static String outcome(int status, boolean cancelled) {
        if (cancelled) {
            return "CANCELLED";
        }
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    static String lower(HttpMethod method) {
        return method.name().toLowerCase(Locale.ROOT);
    }
}
