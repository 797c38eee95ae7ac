package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.MimeType;

/**
 * The HTTP face of {@link PorticoEndpoint}: the same operations, but a failure is an RFC 9457
 * {@code application/problem+json} answer that says why.
 *
 * <pre>{@code
 * POST /actuator/portico/routes/orders {"weights": "orders=abc"}
 * 400 {"type":"about:blank","title":"Bad Request","status":400,
 *      "detail":"weights: 'orders=abc' is not a number (expected upstream=weight, comma-separated, ...)"}
 * GET /actuator/portico/routes/nope
 * 404 {"type":"about:blank","title":"Not Found","status":404,"detail":"no route 'nope' (expected one of: orders)"}
 * }</pre>
 *
 * Why an extension: the actuator turns an {@link InvalidEndpointRequestException} into a bare 400 (Boot hides
 * exception messages from clients) and a {@code null} result into an empty 404. A {@link WebEndpointResponse} carries
 * its own status, body and content type, and both the WebFlux and the MVC actuator honour it; the
 * technology-neutral endpoint stays as it is for JMX.
 */
@EndpointWebExtension(endpoint = PorticoEndpoint.class)
public final class PorticoEndpointWebExtension {

    /** RFC 9457's media type. */
    static final MimeType PROBLEM_JSON = MimeType.valueOf("application/problem+json");

    /** A 404 lists at most this many names: enough to spot a typo, short for a gateway of hundreds of routes. */
    private static final int MAX_NAMES = 20;

    private final PorticoEndpoint endpoint;

    public PorticoEndpointWebExtension(PorticoEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @ReadOperation
    public WebEndpointResponse<Object> section(@Selector String section) {
        Object body = this.endpoint.section(section);
        return body != null ? new WebEndpointResponse<>(body) : unknownSection(section);
    }

    @ReadOperation
    public WebEndpointResponse<Object> item(@Selector String section, @Selector String name) {
        Object body = this.endpoint.item(section, name);
        return body != null ? new WebEndpointResponse<>(body) : notFound(section, name);
    }

    @WriteOperation
    public WebEndpointResponse<Object> split(@Selector String section, @Selector String name,
            @Nullable String weights) {
        Map<String, Object> body;
        try {
            body = this.endpoint.split(section, name, weights);
        }
        catch (InvalidEndpointRequestException ex) {
            return problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
        }
        return body != null ? new WebEndpointResponse<>(body) : notFound(section, name);
    }

    private WebEndpointResponse<Object> notFound(String section, String name) {
        if (!PorticoEndpoint.ROUTES.equals(section) && !PorticoEndpoint.UPSTREAMS.equals(section)) {
            return unknownSection(section);
        }
        String what = PorticoEndpoint.ROUTES.equals(section) ? "route" : "upstream";
        return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
                "no " + what + " '" + name + "' (" + expected(this.endpoint.names(section)) + ")");
    }

    private static WebEndpointResponse<Object> unknownSection(String section) {
        return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", "no section '" + section
                + "' (expected one of: " + PorticoEndpoint.ROUTES + ", " + PorticoEndpoint.UPSTREAMS + ")");
    }

    private static String expected(List<String> names) {
        if (names.isEmpty()) {
            return "there are none";
        }
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES)));
        return "expected one of: " + shown + (names.size() > MAX_NAMES ? ", ... (" + names.size() + " in all)" : "");
    }

    /** The problem document; plain map so the actuator's JSON mapper writes it in this key order. */
    private static WebEndpointResponse<Object> problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return new WebEndpointResponse<>(problem, status, PROBLEM_JSON);
    }
}
