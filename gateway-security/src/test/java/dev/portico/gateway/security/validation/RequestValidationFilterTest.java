package dev.portico.gateway.security.validation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestValidationFilterTest {

    static final RequestValidationFilter ORDERS = RequestValidationFilter.builder()
            .schemaLocation("classpath:schemas/order.json").maxBody(DataSize.ofBytes(2048)).build();

    static final String VALID = "{\"customer\":\"c-1\",\"items\":[{\"sku\":\"ABC-1234\",\"qty\":2}]}";

    /** What the rest of the chain saw: the body bytes and the headers. */
    static final class Upstream implements GatewayFilterChain {
        @Nullable String body;
        @Nullable HttpHeaders headers;

        @Override
        public Mono<Void> filter(GatewayExchange exchange) {
            this.headers = exchange.requestHeaders();
            return Flux.from(exchange.requestBody()).reduce(new StringBuilder(), (sb, buf) -> {
                sb.append(buf.toString(StandardCharsets.UTF_8));
                buf.release();
                return sb;
            }).doOnNext(sb -> this.body = sb.toString()).then();
        }
    }

    /** A POST whose body arrives as pooled buffers of {@code chunk} bytes (released by whoever consumes them). */
    static GatewayExchange post(String contentType, String body, int chunk, boolean declareLength) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (declareLength) {
            headers.set("Content-Length", bytes.length);
        }
        else {
            headers.set("Transfer-Encoding", "chunked");
        }
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.POST, "/orders", headers, null);
        // allocated one by one as requested, like a server's body: a cancelled body leaves nothing behind
        exchange.requestBody(Flux.range(0, (bytes.length + chunk - 1) / chunk).map(part -> {
            int from = part * chunk;
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(chunk);
            buf.writeBytes(bytes, from, Math.min(chunk, bytes.length - from));
            return buf;
        }));
        return exchange;
    }

    static @Nullable GatewayException run(RequestValidationFilter filter, GatewayExchange exchange, Upstream upstream) {
        try {
            filter.filter(exchange, upstream).block(Duration.ofSeconds(5));
            return null;
        }
        catch (GatewayException ex) {
            return ex;
        }
    }

    @Test
    void validBodyIsForwardedAsTheSameBytesWithItsLength() {
        Upstream upstream = new Upstream();
        GatewayExchange exchange = post("application/json; charset=utf-8", VALID, 7, false);
        assertThat(run(ORDERS, exchange, upstream)).isNull();
        assertThat(upstream.body).isEqualTo(VALID);
        assertThat(upstream.headers.get("Content-Length")).isEqualTo(Integer.toString(VALID.length()));
        assertThat(upstream.headers.contains("Transfer-Encoding")).isFalse();
    }

    @Test
    void schemaViolationsAreListedWithJsonPointers() {
        String body = "{\"items\":[{\"sku\":\"nope\",\"qty\":0}],\"extra\":1,\"email\":\"not-an-email\"}";
        Upstream upstream = new Upstream();
        GatewayException e = run(ORDERS, post("application/json", body, 16, true), upstream);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.detail()).isEqualTo("request body does not match the schema");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) e.properties().get("errors");
        assertThat(errors).extracting(m -> m.get("pointer"))
                .contains("", "/items/0/sku", "/items/0/qty", "/email");
        assertThat(errors).allSatisfy(m -> assertThat(m.get("detail")).asString().isNotBlank());
        assertThat(e.properties().get("totalErrors")).isEqualTo(errors.size());
        assertThat(upstream.body).isNull();
    }

    @Test
    void messagesComeFromTheValidatorsOwnBundle() {
        // src/test/resources/jsv-messages.properties shadows the validator's bundle, as wiremock-standalone's does
        String body = "{\"items\":[{\"sku\":\"nope\",\"qty\":0}]}";
        GatewayException e = run(ORDERS, post("application/json", body, 64, true), new Upstream());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) e.properties().get("errors");
        assertThat(errors).contains(
                Map.of("pointer", "/items/0/sku", "detail", "does not match the regex pattern ^[A-Z]{3}-[0-9]{4}$"),
                Map.of("pointer", "/items/0/qty", "detail", "must have a minimum value of 1"),
                Map.of("pointer", "", "detail", "required property 'customer' not found"));
    }

    @Test
    void violationsAreCappedAndCounted() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"x\",\"qty\":1}");
        }
        String body = "{\"customer\":\"c\",\"items\":[" + items + "]}";
        GatewayException e = run(ORDERS, post("application/json", body, 512, true), new Upstream());
        assertThat((List<?>) e.properties().get("errors")).hasSize(RequestValidationFilter.MAX_REPORTED);
        assertThat(e.properties().get("totalErrors")).isEqualTo(30);
    }

    @Test
    void invalidJsonDuplicateKeysAndTrailingDataAre400() {
        for (String body : List.of("{\"customer\":", "{\"customer\":\"a\",\"customer\":\"b\",\"items\":[]}",
                VALID + " {}")) {
            GatewayException e = run(ORDERS, post("application/json", body, 5, true), new Upstream());
            assertThat(e.status()).as(body).isEqualTo(400);
            assertThat(e.detail()).as(body).startsWith("request body is not valid JSON: ");
        }
    }

    @Test
    void wrongOrMissingContentTypeIs415WithoutReadingTheBody() {
        for (String type : new String[] { "text/plain", null, "application/xml", "not a type" }) {
            GatewayExchange exchange = post(type, VALID, 8, true);
            GatewayException e = run(ORDERS, exchange, new Upstream());
            assertThat(e.status()).as(String.valueOf(type)).isEqualTo(415);
            // nobody subscribed, so the buffers were never allocated: nothing to leak
        }
        assertThat(run(ORDERS, post("application/vnd.orders+json", VALID, 8, true), new Upstream())).isNull();
    }

    @Test
    void bodyOverTheLimitIs413DeclaredOrCounted() {
        String big = "{\"customer\":\"" + "x".repeat(3000) + "\",\"items\":[]}";
        GatewayException declared = run(ORDERS, post("application/json", big, 512, true), new Upstream());
        assertThat(declared.status()).isEqualTo(413);
        Upstream upstream = new Upstream();
        GatewayException counted = run(ORDERS, post("application/json", big, 512, false), upstream);
        assertThat(counted.status()).isEqualTo(413);
        assertThat(upstream.headers).isNull();
    }

    @Test
    void missingBodyOnPostIs400UnlessNotRequired() {
        GatewayExchange empty = GatewayExchange.of(HttpMethod.POST, "/orders");
        assertThat(run(ORDERS, empty, new Upstream()).detail()).isEqualTo("a JSON request body is required");
        RequestValidationFilter optional = RequestValidationFilter.builder()
                .schema("{\"type\":\"object\"}").bodyRequired(false).build();
        assertThat(run(optional, GatewayExchange.of(HttpMethod.POST, "/orders"), new Upstream())).isNull();
        assertThat(run(ORDERS, GatewayExchange.of(HttpMethod.GET, "/orders"), new Upstream())).isNull();
    }

    @Test
    void headerAndQueryRulesAreCheckedBeforeTheBody() {
        RequestValidationFilter filter = RequestValidationFilter.builder().header("X-Tenant", "[a-z]{3,16}")
                .queryParameter("page", "\\d{1,4}").queryParameter("sort", "name|date", false).build();
        HttpHeaders headers = new DefaultHttpHeaders().set("X-Tenant", "ACME");
        GatewayExchange bad = GatewayExchange.of(HttpMethod.GET, "/orders?sort=size", headers, null);
        GatewayException e = run(filter, bad, new Upstream());
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.properties().get("errors")).isEqualTo(List.of(
                Map.of("header", "X-Tenant", "detail", "does not match [a-z]{3,16}"),
                Map.of("parameter", "page", "detail", "is required"),
                Map.of("parameter", "sort", "detail", "does not match name|date")));
        Upstream upstream = new Upstream();
        GatewayExchange good = GatewayExchange.of(HttpMethod.GET, "/orders?page=12&sort=da%74e",
                new DefaultHttpHeaders().set("x-tenant", "acme"), null);
        assertThat(run(filter, good, upstream)).isNull();
        assertThat(upstream.headers).isNotNull();
    }

    @Test
    void queryStringsAreDecodedAsForms() {
        assertThat(RequestValidationFilter.parseQuery("a=1&a=2&b=x+y&c&d=%C3%A9"))
                .containsEntry("a", List.of("1", "2")).containsEntry("b", List.of("x y"))
                .containsEntry("c", List.of("")).containsEntry("d", List.of("é"));
    }

    @Test
    void invalidConfigurationFailsAtStartupNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestValidationFilter.builder().schema("{\"type\": ").build())
                .withMessageStartingWith("schema: not JSON: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestValidationFilter.builder().schema("{\"type\": \"objekt\"}").build())
                .withMessageStartingWith("schema: not a valid JSON Schema (https://json-schema.org/draft/2020-12/schema): /type");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestValidationFilter.builder().schema("[1]").build())
                .withMessageStartingWith("schema: ARRAY (expected: a JSON Schema");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestValidationFilter.builder().schemaLocation("classpath:schemas/none.json").build())
                .withMessage("schema-location: 'classpath:schemas/none.json' not found (expected: a classpath: or"
                        + " file: resource holding a JSON Schema)");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestValidationFilter.builder()
                .schema("{}").contentTypes(List.of("application/json", "json")).build())
                .withMessageStartingWith("content-types[1]: 'json' (expected: a media type such as application/json");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestValidationFilter.builder().header("X-A", "[a-").build())
                .withMessageStartingWith("headers[0].pattern: '[a-' (expected: a regular expression: ");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestValidationFilter.builder().build())
                .withMessageStartingWith("schema, schema-location, headers, query-parameters: none given");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestValidationFilter.builder().schema("{}").schemaLocation("classpath:x").build())
                .withMessage("schema and schema-location: both given (expected: one of them)");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestValidationFilter.builder().schema("{}")
                .maxBody(DataSize.ofGigabytes(3)).build()).withMessageStartingWith("max-body: 3221225472B (expected");
    }

    @Test
    void factoryBindsRules() {
        RequestValidationFilter.Factory.Config config = new RequestValidationFilter.Factory.Config();
        RequestValidationFilter.Factory.Config.Parameter tenant = new RequestValidationFilter.Factory.Config.Parameter();
        tenant.setName("X-Tenant");
        tenant.setPattern("[a-z]+");
        config.setHeaders(List.of(tenant));
        RequestValidationFilter.Factory.Config.Parameter unnamed = new RequestValidationFilter.Factory.Config.Parameter();
        config.setQueryParameters(List.of(unnamed));
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestValidationFilter.Factory().create(config))
                .withMessageStartingWith("query-parameters[0].name: '' (expected: a query parameter name)");
        config.setQueryParameters(List.of());
        assertThat(new RequestValidationFilter.Factory().create(config)).isInstanceOf(RequestValidationFilter.class);
        assertThat(new RequestValidationFilter.Factory().name()).isEqualTo("request-validation");
    }
}
