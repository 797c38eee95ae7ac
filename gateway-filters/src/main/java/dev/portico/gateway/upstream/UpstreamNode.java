package dev.portico.gateway.upstream;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One server of an upstream: {@code http(s)://host:port}, a weight (default 1), and optionally the zone it runs in
 * and free-form metadata (for discovery, tooling and custom balancers). The URI carries no path, query or user info:
 * paths belong to routes and filters.
 */
public final class UpstreamNode {

    private final URI uri;
    private final int weight;
    private final String baseUrl;
    private final String authority;
    private final boolean secure;
    private final @Nullable String zone;
    private final Map<String, String> metadata;

    private UpstreamNode(URI uri, int weight) {
        this(uri, weight, null, Map.of());
    }

    private UpstreamNode(URI uri, int weight, @Nullable String zone, Map<String, String> metadata) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw InvalidSpecException.of("", "uri", "'" + uri + "' has scheme '" + uri.getScheme() + "'",
                    "expected http or https, e.g. http://127.0.0.1:8081");
        }
        if (uri.getHost() == null) {
            throw InvalidSpecException.of("", "uri", "'" + uri + "' has no host", "expected e.g. http://users.internal:8080");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw InvalidSpecException.of("", "uri", "'" + uri + "' has a path, query, fragment or user info",
                    "expected scheme://host[:port] only; add a path with the prefix-path filter");
        }
        if (weight < 1 || weight > 10_000) {
            throw InvalidSpecException.of("", "weight", weight, "expected: 1-10000");
        }
        this.secure = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : (this.secure ? 443 : 80);
        this.uri = uri;
        this.weight = weight;
        this.authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        this.baseUrl = scheme + "://" + uri.getHost() + ":" + port;
        this.zone = zone;
        this.metadata = Map.copyOf(metadata);
    }

    public static UpstreamNode of(String uri) {
        return of(URI.create(uri), 1);
    }

    public static UpstreamNode of(URI uri, int weight) {
        return new UpstreamNode(Objects.requireNonNull(uri, "uri"), weight);
    }

    /** The same node with a zone and metadata. */
    public UpstreamNode with(@Nullable String zone, Map<String, String> metadata) {
        return new UpstreamNode(this.uri, this.weight, zone, Objects.requireNonNull(metadata, "metadata"));
    }

    /** The zone the node runs in, or {@code null}. */
    public @Nullable String zone() {
        return this.zone;
    }

    public Map<String, String> metadata() {
        return this.metadata;
    }

    public URI uri() {
        return this.uri;
    }

    public int weight() {
        return this.weight;
    }

    /** {@code scheme://host:port}, the prefix of every request URL to this node. */
    public String baseUrl() {
        return this.baseUrl;
    }

    /** The {@code Host} header value the node expects: host, and port when one was given. */
    public String authority() {
        return this.authority;
    }

    public boolean secure() {
        return this.secure;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpstreamNode n && n.uri.equals(this.uri) && n.weight == this.weight
                && Objects.equals(n.zone, this.zone) && n.metadata.equals(this.metadata);
    }

    @Override
    public int hashCode() {
        return this.uri.hashCode() * 31 + this.weight;
    }

    @Override
    public String toString() {
        return this.uri + (this.weight == 1 ? "" : " (weight " + this.weight + ")");
    }
}
