package dev.portico.gateway.security.validation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates requests before they go upstream: required headers and query parameters (with regular expressions),
 * and a JSON request body against a JSON Schema (networknt json-schema-validator, compiled once when the route
 * compiles). What the upstream receives has passed; everything else is answered here:
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><td>400</td><td>a header or query parameter missing or not matching; a body that is not JSON (or has duplicate
 * keys or trailing data); a body that does not match the schema; no body where one is required</td></tr>
 * <tr><td>413</td><td>a body over {@code max-body} (declared, or counted as it arrives): nothing is sent
 * upstream</td></tr>
 * <tr><td>415</td><td>a body without a {@code Content-Type}, or with one not in {@code content-types}</td></tr>
 * </table>
 *
 * The 400 problem lists the violations in {@code errors} (at most {@value #MAX_REPORTED}; {@code totalErrors}
 * counts them all): {@code {"pointer":"/items/0/qty","detail":"..."}} for the body (RFC 6901 JSON pointers into the
 * request body), {@code {"header":"X-Tenant","detail":"..."}} and {@code {"parameter":"page","detail":"..."}}
 * otherwise, without the header or parameter values the client sent.
 *
 * <pre>{@code
 * Route.builder("orders").match(m -> m.path("/orders").method("POST")).uri("http://127.0.0.1:9001")
 *         .filter(RequestValidationFilter.builder()
 *                 .schemaLocation("classpath:schemas/order.json")
 *                 .header("X-Tenant", "[a-z]{3,16}")
 *                 .queryParameter("dry-run", "true|false", false)
 *                 .maxBody(DataSize.ofKilobytes(256))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>The body is aggregated up to {@code max-body} (each buffer copied and released as it arrives), parsed into a
 * tree, validated, and forwarded as the same bytes with a fixed {@code Content-Length}. Without a schema the body is
 * not read at all.
 */
public final class RequestValidationFilter implements GatewayFilter {

    /** The YAML name. */
    public static final String NAME = "request-validation";

    /** The largest body validated when none is given: 1MB. */
    public static final DataSize DEFAULT_MAX_BODY = DataSize.ofMegabytes(1);

    /** How many violations a 400 problem lists; {@code totalErrors} counts all. */
    public static final int MAX_REPORTED = 20;

    /** The dialect of a schema without {@code $schema}. */
    public static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final List<String> DEFAULT_CONTENT_TYPES = List.of("application/json", "application/*+json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH).messageSource(SchemaMessages.load()).formatAssertionsEnabled(true)
                    .build()));

    /** A header or query parameter rule. */
    record Rule(String name, @Nullable Pattern pattern, boolean required) {
    }

    private final @Nullable Schema schema;
    private final List<MediaType> contentTypes;
    private final long maxBody;
    private final boolean bodyRequired;
    private final Rule[] headers;
    private final Rule[] queryParameters;
    private final GatewayException tooLarge;
    private final GatewayException unsupportedType;
    private final GatewayException bodyMissing;

    private RequestValidationFilter(Builder b) {
        if (b.schema != null && b.schemaLocation != null) {
            throw new IllegalArgumentException("schema and schema-location: both given (expected: one of them)");
        }
        if (b.schema != null) {
            this.schema = compile("schema", b.schema);
        }
        else if (b.schemaLocation != null) {
            this.schema = compile("schema-location", load(b.schemaLocation));
        }
        else {
            this.schema = null;
        }
        List<MediaType> types = new ArrayList<>();
        List<String> names = b.contentTypes == null || b.contentTypes.isEmpty() ? DEFAULT_CONTENT_TYPES : b.contentTypes;
        for (int i = 0; i < names.size(); i++) {
            types.add(mediaType(i, names.get(i)));
        }
        this.contentTypes = List.copyOf(types);
        if (b.maxBody == null || b.maxBody.isNegative() || b.maxBody.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max-body: " + b.maxBody
                    + " (expected: a size from 0B to 2GB, e.g. 1MB; the body is held in memory to validate it)");
        }
        this.maxBody = b.maxBody.toBytes();
        this.bodyRequired = b.bodyRequired;
        this.headers = rules("headers", b.headers);
        this.queryParameters = rules("query-parameters", b.queryParameters);
        if (this.schema == null && this.headers.length == 0 && this.queryParameters.length == 0) {
            throw new IllegalArgumentException("schema, schema-location, headers, query-parameters: none given"
                    + " (expected: a JSON Schema, or header or query parameter rules)");
        }
        this.tooLarge = GatewayException.contentTooLarge(this.maxBody);
        this.unsupportedType = new GatewayException(415, "Unsupported Media Type",
                "request body must be one of " + names);
        this.bodyMissing = new GatewayException(400, "Bad Request", "a JSON request body is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- compiled once

    private static Schema compile(String property, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(property + ": not JSON: " + ex.getOriginalMessage()
                    + " (expected: a JSON Schema document as JSON text)", ex);
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IllegalArgumentException(property + ": " + (node == null ? "empty" : node.getNodeType())
                    + " (expected: a JSON Schema, a JSON object such as {\"type\": \"object\"})");
        }
        String dialect = DEFAULT_DIALECT;
        JsonNode declared = node.get("$schema");
        if (declared != null) {
            if (!declared.isString()) {
                throw new IllegalArgumentException(property + ": $schema " + declared + " (expected: a dialect URI)");
            }
            dialect = declared.stringValue();
        }
        List<Error> invalid;
        Schema schema;
        try {
            Schema meta = SCHEMAS.getSchema(SchemaLocation.of(dialect));
            invalid = meta.validate(node);
            schema = SCHEMAS.getSchema(node);
            schema.initializeValidators();
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException(property + ": not a usable JSON Schema: " + ex.getMessage()
                    + " (expected: a schema of a known dialect, e.g. " + DEFAULT_DIALECT + ")", ex);
        }
        if (!invalid.isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (Error e : invalid.subList(0, Math.min(5, invalid.size()))) {
                problems.add(pointer(e) + ": " + e.getMessage());
            }
            throw new IllegalArgumentException(property + ": not a valid JSON Schema (" + dialect + "): "
                    + String.join("; ", problems) + (invalid.size() > 5 ? "; ..." : "")
                    + " (expected: a schema that its meta-schema accepts)");
        }
        return schema;
    }

    private static String load(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        if (!resource.exists()) {
            throw new IllegalArgumentException("schema-location: '" + location
                    + "' not found (expected: a classpath: or file: resource holding a JSON Schema)");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("schema-location: '" + location + "' unreadable: " + ex.getMessage()
                    + " (expected: a readable classpath: or file: resource)", ex);
        }
    }

    private static MediaType mediaType(int i, @Nullable String name) {
        try {
            if (name == null || name.isBlank()) {
                throw new InvalidMediaTypeException(String.valueOf(name), "empty");
            }
            MediaType type = MediaType.parseMediaType(name);
            if (type.isWildcardType()) {
                throw new InvalidMediaTypeException(name, "a wildcard type accepts anything");
            }
            return type;
        }
        catch (InvalidMediaTypeException ex) {
            throw new IllegalArgumentException("content-types[" + i + "]: '" + name + "' (expected: a media type such"
                    + " as application/json or application/*+json: " + ex.getMessage() + ")", ex);
        }
    }

    private static Rule[] rules(String property, List<Rule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            String name = rules.get(i).name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(property + "[" + i + "].name: '" + name
                        + "' (expected: a " + (property.equals("headers") ? "header" : "query parameter") + " name)");
            }
        }
        return rules.toArray(Rule[]::new);
    }

    static @Nullable Pattern pattern(String property, @Nullable String regex) {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException(property + ": '" + regex + "' (expected: a regular expression: "
                    + ex.getDescription() + " near index " + ex.getIndex() + ")", ex);
        }
    }

    // ---- per request

    @Override
    public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        List<Map<String, Object>> violations = null;
        if (this.headers.length > 0) {
            violations = checkHeaders(exchange.requestHeaders(), violations);
        }
        if (this.queryParameters.length > 0) {
            violations = checkQuery(exchange.rawQuery(), violations);
        }
        if (violations != null) {
            return Mono.error(invalid("request headers or query parameters are invalid", violations,
                    violations.size()));
        }
        Schema schema = this.schema;
        if (schema == null) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.requestHeaders();
        if (!exchange.hasRequestBody()) {
            return requiresBody(exchange.method()) ? Mono.error(this.bodyMissing) : chain.filter(exchange);
        }
        if (!acceptable(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            return Mono.error(this.unsupportedType);
        }
        long declared = declaredLength(headers);
        if (declared > this.maxBody) {
            return Mono.error(this.tooLarge); // refused before a byte is read
        }
        return aggregate(exchange, declared).flatMap(body -> {
            if (body.length == 0) {
                return requiresBody(exchange.method()) ? Mono.<Void>error(this.bodyMissing)
                        : forward(exchange, body, chain);
            }
            JsonNode tree;
            try {
                tree = JSON.readTree(body);
            }
            catch (JacksonException ex) {
                return Mono.<Void>error(new GatewayException(400, "Bad Request", "request body is not valid JSON: "
                        + ex.getOriginalMessage() + location(ex)));
            }
            List<Error> errors = schema.validate(tree);
            if (!errors.isEmpty()) {
                List<Map<String, Object>> reported = new ArrayList<>(Math.min(errors.size(), MAX_REPORTED));
                for (Error e : errors.subList(0, Math.min(errors.size(), MAX_REPORTED))) {
                    reported.add(Map.of("pointer", pointer(e),
                            "detail", Objects.requireNonNullElse(e.getMessage(), e.getKeyword())));
                }
                return Mono.<Void>error(invalid("request body does not match the schema", reported, errors.size()));
            }
            return forward(exchange, body, chain);
        });
    }

    private Mono<Void> forward(GatewayExchange exchange, byte[] body, GatewayFilterChain chain) {
        exchange.requestHeaders().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        exchange.requestHeaders().remove(HttpHeaderNames.TRANSFER_ENCODING);
        // a fresh wrapper per subscription (a retry re-sends the same bytes); heap memory, nothing to leak
        exchange.requestBody(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
        return chain.filter(exchange);
    }

    /** The body as one array, at most {@code maxBody} bytes; every buffer is released as soon as it is copied. */
    private Mono<byte[]> aggregate(GatewayExchange exchange, long declared) {
        return Mono.defer(() -> {
            Accumulator acc = new Accumulator(declared > 0 ? (int) declared : 1024, this.maxBody, this.tooLarge);
            return Flux.from(exchange.requestBody()).doOnNext(acc::add).then(Mono.fromCallable(acc::bytes));
        });
    }

    /** Collects body bytes up to a limit. */
    static final class Accumulator {

        private byte[] bytes;
        private int size;
        private final long max;
        private final GatewayException tooLarge;

        Accumulator(int initial, long max, GatewayException tooLarge) {
            this.bytes = new byte[(int) Math.min(initial, Math.max(max, 0))];
            this.max = max;
            this.tooLarge = tooLarge;
        }

        void add(ByteBuf buf) {
            try {
                int n = buf.readableBytes();
                if (this.size + (long) n > this.max) {
                    throw this.tooLarge; // cancels the body: the upstream has received nothing
                }
                if (this.size + n > this.bytes.length) {
                    long grown = Math.max((long) this.bytes.length * 2, this.size + (long) n);
                    this.bytes = java.util.Arrays.copyOf(this.bytes, (int) Math.min(grown, this.max));
                }
                buf.readBytes(this.bytes, this.size, n);
                this.size += n;
            }
            finally {
                buf.release();
            }
        }

        byte[] bytes() {
            return this.size == this.bytes.length ? this.bytes : java.util.Arrays.copyOf(this.bytes, this.size);
        }
    }

    private boolean requiresBody(HttpMethod method) {
        return this.bodyRequired
                && (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.PATCH));
    }

    private boolean acceptable(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        for (MediaType allowed : this.contentTypes) {
            if (allowed.includes(type)) {
                return true;
            }
        }
        return false;
    }

    private static long declaredLength(HttpHeaders headers) {
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    private @Nullable List<Map<String, Object>> checkHeaders(HttpHeaders headers,
            @Nullable List<Map<String, Object>> violations) {
        for (Rule rule : this.headers) {
            List<String> values = headers.getAll(rule.name());
            String problem = check(rule, values);
            if (problem != null) {
                violations = add(violations, Map.of("header", rule.name(), "detail", problem));
            }
        }
        return violations;
    }

    private @Nullable List<Map<String, Object>> checkQuery(@Nullable String rawQuery,
            @Nullable List<Map<String, Object>> violations) {
        Map<String, List<String>> query;
        try {
            query = parseQuery(rawQuery);
        }
        catch (IllegalArgumentException ex) {
            return add(violations, Map.of("parameter", "", "detail", "the query string is malformed"));
        }
        for (Rule rule : this.queryParameters) {
            String problem = check(rule, query.getOrDefault(rule.name(), List.of()));
            if (problem != null) {
                violations = add(violations, Map.of("parameter", rule.name(), "detail", problem));
            }
        }
        return violations;
    }

    private static @Nullable String check(Rule rule, List<String> values) {
        if (values.isEmpty()) {
            return rule.required() ? "is required" : null;
        }
        Pattern pattern = rule.pattern();
        if (pattern != null) {
            for (String value : values) {
                if (!pattern.matcher(value).matches()) {
                    return "does not match " + pattern.pattern();
                }
            }
        }
        return null;
    }

    private static List<Map<String, Object>> add(@Nullable List<Map<String, Object>> list, Map<String, Object> v) {
        List<Map<String, Object>> out = list != null ? list : new ArrayList<>(2);
        out.add(v);
        return out;
    }

    /** Query parameters by decoded name, decoded values in order; {@code +} is a space, as in forms. */
    static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    private static GatewayException invalid(String detail, List<Map<String, Object>> violations, int total) {
        List<Map<String, Object>> shown = violations.size() > MAX_REPORTED ? violations.subList(0, MAX_REPORTED)
                : violations;
        return new GatewayException(400, "Bad Request", detail).withProperty("errors", shown)
                .withProperty("totalErrors", total);
    }

    private static String pointer(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return location;
    }

    private static String location(JacksonException ex) {
        if (ex.getLocation() == null) {
            return "";
        }
        return " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
    }

    @Override
    public String toString() {
        return "RequestValidationFilter[schema=" + (this.schema != null) + ", headers=" + this.headers.length
                + ", queryParameters=" + this.queryParameters.length + ", maxBody=" + this.maxBody + "]";
    }

    /** Builds a {@link RequestValidationFilter}. */
    public static final class Builder {

        private @Nullable String schema;
        private @Nullable String schemaLocation;
        private @Nullable List<String> contentTypes;
        private @Nullable DataSize maxBody = DEFAULT_MAX_BODY;
        private boolean bodyRequired = true;
        private final List<Rule> headers = new ArrayList<>();
        private final List<Rule> queryParameters = new ArrayList<>();

        private Builder() {
        }

        /** The JSON Schema the body must match, as JSON text. */
        public Builder schema(@Nullable String schema) {
            this.schema = schema;
            return this;
        }

        /** Where the JSON Schema is: {@code classpath:schemas/order.json}, {@code file:/etc/schemas/order.json}. */
        public Builder schemaLocation(@Nullable String location) {
            this.schemaLocation = location;
            return this;
        }

        /** The media types a body may have (default {@code application/json}, {@code application/*+json}). */
        public Builder contentTypes(List<String> contentTypes) {
            this.contentTypes = List.copyOf(contentTypes);
            return this;
        }

        public Builder maxBody(@Nullable DataSize maxBody) {
            this.maxBody = maxBody;
            return this;
        }

        /** Whether POST, PUT and PATCH requests must have a body when a schema is set (default true). */
        public Builder bodyRequired(boolean bodyRequired) {
            this.bodyRequired = bodyRequired;
            return this;
        }

        /** A required header whose every value must match {@code regex} in full ({@code null}: any value). */
        public Builder header(String name, @Nullable String regex) {
            return header(name, regex, true);
        }

        public Builder header(String name, @Nullable String regex, boolean required) {
            int i = this.headers.size();
            this.headers.add(new Rule(name, pattern("headers[" + i + "].pattern", regex), required));
            return this;
        }

        /** A required query parameter whose every value must match {@code regex} in full. */
        public Builder queryParameter(String name, @Nullable String regex) {
            return queryParameter(name, regex, true);
        }

        public Builder queryParameter(String name, @Nullable String regex, boolean required) {
            int i = this.queryParameters.size();
            this.queryParameters.add(new Rule(name, pattern("query-parameters[" + i + "].pattern", regex), required));
            return this;
        }

        /** @throws IllegalArgumentException naming the property when the configuration is invalid */
        public RequestValidationFilter build() {
            return new RequestValidationFilter(this);
        }
    }

    /** Makes {@code request-validation} filters (map form only). */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class);
        }

        @Override
        public GatewayFilter create(Config config) {
            Builder b = builder().schema(config.getSchema()).schemaLocation(config.getSchemaLocation())
                    .maxBody(config.getMaxBody()).bodyRequired(config.isBodyRequired());
            if (!config.getContentTypes().isEmpty()) {
                b.contentTypes(config.getContentTypes());
            }
            for (Config.Parameter p : config.getHeaders()) {
                b.header(Objects.requireNonNullElse(p.getName(), ""), p.getPattern(), p.isRequired());
            }
            for (Config.Parameter p : config.getQueryParameters()) {
                b.queryParameter(Objects.requireNonNullElse(p.getName(), ""), p.getPattern(), p.isRequired());
            }
            return b.build();
        }

        /** Configuration of {@code request-validation}. */
        public static class Config {

            /** JSON Schema the request body must match, as JSON text (a YAML block scalar holds it well). */
            private @Nullable String schema;

            /** Where the JSON Schema is, e.g. classpath:schemas/order.json or file:/etc/portico/order.json. */
            private @Nullable String schemaLocation;

            /** Media types a validated body may have; application/json and application/*+json when empty. */
            private List<String> contentTypes = new ArrayList<>();

            /** Largest body validated (held in memory); larger ones get 413. */
            private DataSize maxBody = DEFAULT_MAX_BODY;

            /** Whether POST, PUT and PATCH requests must have a body when a schema is set. */
            private boolean bodyRequired = true;

            /** Header rules. */
            private List<Parameter> headers = new ArrayList<>();

            /** Query parameter rules. */
            private List<Parameter> queryParameters = new ArrayList<>();

            public @Nullable String getSchema() {
                return this.schema;
            }

            public void setSchema(@Nullable String schema) {
                this.schema = schema;
            }

            public @Nullable String getSchemaLocation() {
                return this.schemaLocation;
            }

            public void setSchemaLocation(@Nullable String schemaLocation) {
                this.schemaLocation = schemaLocation;
            }

            public List<String> getContentTypes() {
                return this.contentTypes;
            }

            public void setContentTypes(List<String> contentTypes) {
                this.contentTypes = contentTypes;
            }

            public DataSize getMaxBody() {
                return this.maxBody;
            }

            public void setMaxBody(DataSize maxBody) {
                this.maxBody = maxBody;
            }

            public boolean isBodyRequired() {
                return this.bodyRequired;
            }

            public void setBodyRequired(boolean bodyRequired) {
                this.bodyRequired = bodyRequired;
            }

            public List<Parameter> getHeaders() {
                return this.headers;
            }

            public void setHeaders(List<Parameter> headers) {
                this.headers = headers;
            }

            public List<Parameter> getQueryParameters() {
                return this.queryParameters;
            }

            public void setQueryParameters(List<Parameter> queryParameters) {
                this.queryParameters = queryParameters;
            }

            /** A header or query parameter rule. */
            public static class Parameter {

                /** Header or query parameter name (header names ignore case). */
                private @Nullable String name;

                /** Regular expression every value must match in full; any value when empty. */
                private @Nullable String pattern;

                /** Whether the header or parameter must be present. */
                private boolean required = true;

                public @Nullable String getName() {
                    return this.name;
                }

                public void setName(@Nullable String name) {
                    this.name = name;
                }

                public @Nullable String getPattern() {
                    return this.pattern;
                }

                public void setPattern(@Nullable String pattern) {
                    this.pattern = pattern;
                }

                public boolean isRequired() {
                    return this.required;
                }

                public void setRequired(boolean required) {
                    this.required = required;
                }
            }
        }
    }
}
