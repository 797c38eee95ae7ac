package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One node of an upstream. */
public class NodeProperties {

    /** Address of the node: http(s)://host:port, no path. */
    private @Nullable String uri;

    /** Relative share of requests, 1 to 10000. */
    private int weight = 1;

    /** Zone the node runs in (informational; shown in health and available to custom balancers). */
    private @Nullable String zone;

    /** Free-form metadata of the node. */
    private Map<String, String> metadata = new LinkedHashMap<>();

    public @Nullable String getUri() {
        return this.uri;
    }

    public void setUri(@Nullable String uri) {
        this.uri = uri;
    }

    public int getWeight() {
        return this.weight;
    }

    public void setWeight(int weight) {
        this.weight = weight;
    }

    public @Nullable String getZone() {
        return this.zone;
    }

    public void setZone(@Nullable String zone) {
        this.zone = zone;
    }

    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
