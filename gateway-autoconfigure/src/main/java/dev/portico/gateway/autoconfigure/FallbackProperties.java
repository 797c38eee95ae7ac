package dev.portico.gateway.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * What a route answers when its upstream cannot (circuit open, no healthy node, 502/503/504): another upstream, or a
 * fixed response. See docs/resilience.md#fallbacks.
 */
public class FallbackProperties {

    /** Upstream tried once instead (set this, or status and body). */
    private @Nullable String upstream;

    /** Status of the fixed response. */
    private @Nullable Integer status;

    /** Content type of the fixed response. */
    private String contentType = "application/json";

    /** Body of the fixed response. */
    private @Nullable String body;

    public @Nullable String getUpstream() {
        return this.upstream;
    }

    public void setUpstream(@Nullable String upstream) {
        this.upstream = upstream;
    }

    public @Nullable Integer getStatus() {
        return this.status;
    }

    public void setStatus(@Nullable Integer status) {
        this.status = status;
    }

    public String getContentType() {
        return this.contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public @Nullable String getBody() {
        return this.body;
    }

    public void setBody(@Nullable String body) {
        this.body = body;
    }
}
