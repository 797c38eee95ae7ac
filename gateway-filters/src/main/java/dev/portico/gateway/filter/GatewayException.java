package dev.portico.gateway.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An error with an HTTP status that ends an exchange with an RFC 9457 problem response. Filters throw it (or return
 * it in a failed {@code Mono}) to reject a request: {@code throw new GatewayException(403, "Forbidden", "no key")}.
 * Stack traces are not filled: these are expected outcomes, not bugs.
 *
 * <p>A problem may carry extension members ({@link #withProperty}), e.g. the violations a validation found:
 *
 * <pre>{@code
 * throw new GatewayException(400, "Bad Request", "request body does not match the schema")
 *         .withProperty("errors", List.of(Map.of("pointer", "/name", "detail", "required property missing")));
 * // {"type":"about:blank","title":"Bad Request","status":400,"detail":"...","instance":"/orders",
 * //  "route":"orders","errors":[{"pointer":"/name","detail":"required property missing"}]}
 * }</pre>
 */
public class GatewayException extends RuntimeException {

    /** Members of the problem document the gateway writes itself: not available as extension names. */
    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "route");

    private final int status;
    private final String title;
    private final Map<String, String> headers;
    private final Map<String, Object> properties;

    public GatewayException(int status, String title, @Nullable String detail) {
        this(status, title, detail, null);
    }

    public GatewayException(int status, String title, @Nullable String detail, @Nullable Throwable cause) {
        super(detail, cause, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400-599)");
        }
        this.status = status;
        this.title = title;
        this.headers = Map.of();
        this.properties = Map.of();
    }

    private GatewayException(GatewayException base, Map<String, String> headers, Map<String, Object> properties) {
        super(base.getMessage(), base.getCause(), false, false);
        this.status = base.status;
        this.title = base.title;
        this.headers = Map.copyOf(headers);
        this.properties = properties;
    }

    /** 413: the request body is larger than {@code maxBytes}. */
    public static GatewayException contentTooLarge(long maxBytes) {
        return new GatewayException(413, "Content Too Large", "request body exceeds " + maxBytes + " bytes");
    }

    /** A copy that also sends this response header with the problem, e.g. {@code Retry-After}. */
    public GatewayException withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(this.headers);
        all.put(name, value);
        return new GatewayException(this, all, this.properties);
    }

    /**
     * A copy whose problem document also has this extension member (RFC 9457 section 3.2), after the standard ones,
     * in the order added; adding a name again replaces its value.
     * @param name a member name other than the standard ones ({@code type}, {@code title}, {@code status},
     * {@code detail}, {@code instance}) and {@code route}
     * @param value a {@code String}, {@code Boolean}, a finite {@code Number}, or a {@code List} or {@code Map}
     * (with string keys) of such values, nested as deep as needed; copied, so later changes do not show
     * @throws IllegalArgumentException for a reserved or empty name, a {@code null} or unsupported value
     */
    public GatewayException withProperty(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || RESERVED.contains(name)) {
            throw new IllegalArgumentException("problem property name: '" + name
                    + "' (expected: a non-empty name other than " + RESERVED + ")");
        }
        Object copy = copyValue(name, value);
        Map<String, Object> all = new LinkedHashMap<>(this.properties);
        all.put(name, copy);
        return new GatewayException(this, this.headers, Collections.unmodifiableMap(all));
    }

    private static Object copyValue(String path, @Nullable Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("problem property " + path + ": " + value
                        + " (expected: a finite number; JSON has no NaN or Infinity)");
            }
            return number;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(path + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("problem property " + path + ": key " + entry.getKey()
                            + " (expected: string keys)");
                }
                copy.put(key, copyValue(path + "." + key, entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("problem property " + path + ": "
                + (value == null ? "null" : value.getClass().getName())
                + " (expected: a String, Boolean, finite Number, or a List or Map of them)");
    }

    /** Extra response headers for the problem response. */
    public Map<String, String> headers() {
        return this.headers;
    }

    /** Extension members of the problem document, in the order added (immutable). */
    public Map<String, Object> properties() {
        return this.properties;
    }

    public int status() {
        return this.status;
    }

    /** A short, fixed summary of the problem type, e.g. "Bad Gateway". */
    public String title() {
        return this.title;
    }

    /** What happened in this occurrence, or {@code null}. */
    public @Nullable String detail() {
        return getMessage();
    }
}
