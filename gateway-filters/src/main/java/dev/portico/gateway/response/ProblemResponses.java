package dev.portico.gateway.response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9457 {@code application/problem+json} documents ({@link ResponseWriter#problem} sends them). Hand-written JSON: the shape is fixed and small, and
 * error paths should not need an object mapper.
 *
 * <pre>{@code
 * {"type":"about:blank","title":"Bad Gateway","status":502,"detail":"...","instance":"/api/users/1","route":"users"}
 * }</pre>
 *
 * Extension members a filter added ({@code GatewayException#withProperty}) follow, in the order added.
 */
public final class ProblemResponses {

    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    /** The problem document as bytes. */
    public static byte[] body(int status, String title, @Nullable String detail, @Nullable String instance,
            @Nullable String routeId) {
        return body(status, title, detail, instance, routeId, Map.of());
    }

    /**
     * The problem document with extension members: values are strings, booleans, numbers, lists and maps of them
     * (as {@code GatewayException#withProperty} checked).
     */
    public static byte[] body(int status, String title, @Nullable String detail, @Nullable String instance,
            @Nullable String routeId, Map<String, Object> properties) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        quote(json, title);
        json.append(",\"status\":").append(status);
        if (detail != null) {
            json.append(",\"detail\":");
            quote(json, detail);
        }
        if (instance != null) {
            json.append(",\"instance\":");
            quote(json, instance);
        }
        if (routeId != null) {
            json.append(",\"route\":");
            quote(json, routeId);
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            json.append(',');
            quote(json, property.getKey());
            json.append(':');
            value(json, property.getValue());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder json, @Nullable Object value) {
        if (value instanceof String text) {
            quote(json, text);
        }
        else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        }
        else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                value(json, list.get(i));
            }
            json.append(']');
        }
        else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                quote(json, String.valueOf(entry.getKey()));
                json.append(':');
                value(json, entry.getValue());
            }
            json.append('}');
        }
        else {
            json.append("null"); // not reachable through GatewayException, which accepts only the types above
        }
    }

    /** The reason phrase for a status, for problem titles. */
    public static String title(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
