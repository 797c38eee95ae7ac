package dev.portico.gateway.filter;

import java.nio.charset.StandardCharsets;


/**
 * Validates a raw request path and derives the path that routes are matched against.
 *
 * <p>Routing on the raw path would let {@code /api/%75sers} dodge a rule for {@code /api/users}; routing on a fully
 * decoded path would let {@code %2F} forge segments. So matching uses the path percent-decoded except for {@code %2F}
 * and {@code %25} (kept, upper-cased, so {@code %2F} never splits a segment and {@code %252F} stays distinct from
 * {@code %2F}), while the upstream receives the raw path exactly as sent. Dot segments
 * ({@code .}, {@code ..}, also encoded) and NUL/control characters are rejected: a proxy must not forward a path whose
 * meaning differs between the route table and the upstream.
 */
final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * Returns the match path for a raw path (the part of the request target before {@code ?}); the same instance when
     * the path has no percent-escapes.
     * @throws GatewayException 400 for a malformed or ambiguous path
     */
    static String matchPath(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw badRequest("request target must start with '/'");
        }
        boolean escaped = false;
        int segmentStart = 1;
        for (int i = 1; i <= rawPath.length(); i++) {
            char c = i < rawPath.length() ? rawPath.charAt(i) : '/';
            if (c == '/') {
                checkDotSegment(rawPath, segmentStart, i);
                segmentStart = i + 1;
            }
            else if (c == '%') {
                escaped = true;
            }
            else if (c < 0x21 || c == 0x7f) {
                throw badRequest("request path contains a control or space character");
            }
        }
        return escaped ? decode(rawPath) : rawPath;
    }

    private static void checkDotSegment(String path, int start, int end) {
        int len = end - start;
        if (len == 0 || len > 6) {
            return;
        }
        // ".", "..", "%2e", "%2e%2e", ".%2e", "%2e." in any case
        int dots = 0;
        int i = start;
        while (i < end) {
            if (path.charAt(i) == '.') {
                dots++;
                i++;
            }
            else if (i + 3 <= end && path.charAt(i) == '%' && path.charAt(i + 1) == '2'
                    && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
                dots++;
                i += 3;
            }
            else {
                return;
            }
        }
        if (dots == 1 || dots == 2) {
            throw badRequest("request path contains a '.' or '..' segment");
        }
    }

    private static String decode(String raw) {
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    // non-ASCII straight in the target: keep its UTF-8 bytes
                    byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (n + bytes.length > out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2 + bytes.length);
                    }
                    System.arraycopy(bytes, 0, out, n, bytes.length);
                    n += bytes.length;
                }
                else {
                    out[n++] = (byte) c;
                }
                continue;
            }
            if (i + 2 >= raw.length()) {
                throw badRequest("request path has an incomplete percent-escape");
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw badRequest("request path has an invalid percent-escape");
            }
            int b = (hi << 4) | lo;
            if (b < 0x20 || b == 0x7f) {
                throw badRequest("request path contains an encoded control character");
            }
            if (b == '/' || b == '%') {
                // kept encoded: '/' must not split a segment, and a decoded '%' must not look like an escape
                out[n++] = '%';
                out[n++] = '2';
                out[n++] = (byte) (b == '/' ? 'F' : '5');
            }
            else {
                out[n++] = (byte) b;
            }
            i += 2;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static GatewayException badRequest(String detail) {
        return new GatewayException(400, "Bad Request", detail);
    }
}
