package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * What an add- or set-header filter does, on either side: one validated header name, one value template parsed
 * once, and whether the value replaces the existing ones or joins them.
 */
final class HeaderWrite {

    private final String filterName;
    private final boolean replace;
    private final AsciiString name;
    private final VariableTemplate value;

    HeaderWrite(String filterName, boolean replace, AsciiString name, String value) {
        this.filterName = filterName;
        this.replace = replace;
        this.name = name;
        this.value = VariableTemplate.parse("value", value);
    }

    void writeTo(HttpHeaders headers, GatewayExchange exchange) {
        String value = this.value.expand(exchange, this.filterName);
        if (this.replace) {
            headers.set(this.name, value);
        }
        else {
            headers.add(this.name, value);
        }
    }

    String name() {
        return this.name.toString();
    }

    String value() {
        return this.value.toString();
    }

    boolean replaces() {
        return this.replace;
    }

    @Override
    public String toString() {
        return this.filterName + " " + this.name + ": " + this.value;
    }
}
