package dev.portico.gateway.security.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.security.internal.SecurityChecks;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * The headers that tell the upstream who the consumer is: by default {@code X-Consumer-Id} (the consumer's id) and
 * {@code X-Consumer-Groups} (its groups, sorted, comma-separated; not sent when it has none). {@link #apply} first
 * removes every copy the client sent of each of them, so an upstream that trusts them sees only what the gateway set.
 *
 * <pre>{@code
 * IdentityHeaders identity = IdentityHeaders.of("X-User", "X-User-Roles");
 * identity.apply(exchange.requestHeaders(), consumer.id(), "admins,ops");
 * }</pre>
 *
 * An empty name turns that header off (it is then neither set nor removed).
 */
public final class IdentityHeaders {

    public static final String DEFAULT_ID = "X-Consumer-Id";

    public static final String DEFAULT_GROUPS = "X-Consumer-Groups";

    private static final IdentityHeaders DEFAULTS = new IdentityHeaders(DEFAULT_ID, DEFAULT_GROUPS, "identity-headers");

    private final @Nullable AsciiString id;
    private final @Nullable AsciiString groups;

    private IdentityHeaders(@Nullable String id, @Nullable String groups, String property) {
        this.id = id == null || id.isEmpty() ? null : SecurityChecks.headerName(join(property, "id"), id);
        this.groups = groups == null || groups.isEmpty() ? null : SecurityChecks.headerName(join(property, "groups"), groups);
        if (this.id != null && this.groups != null && this.id.contentEqualsIgnoreCase(this.groups)) {
            throw new IllegalArgumentException(join(property, "groups") + ": '" + groups + "' (expected: a header other than id's)");
        }
    }

    private static String join(String property, String name) {
        return property.isEmpty() ? name : property + "." + name;
    }

    /** {@code X-Consumer-Id} and {@code X-Consumer-Groups}. */
    public static IdentityHeaders defaults() {
        return DEFAULTS;
    }

    /** Headers with these names; an empty name turns one off. */
    public static IdentityHeaders of(String id, String groups) {
        return new IdentityHeaders(id, groups, "");
    }

    /** From a filter's configuration, naming {@code property} in errors ({@code ""} for the top level). */
    public static IdentityHeaders from(Config config, String property) {
        if (DEFAULT_ID.equals(config.getId()) && DEFAULT_GROUPS.equals(config.getGroups())) {
            return DEFAULTS;
        }
        return new IdentityHeaders(config.getId(), config.getGroups(), property);
    }

    /** The names in use (for docs and checks). */
    public List<String> names() {
        List<String> names = new ArrayList<>(2);
        if (this.id != null) {
            names.add(this.id.toString());
        }
        if (this.groups != null) {
            names.add(this.groups.toString());
        }
        return names;
    }

    /** Removes every client copy of the identity headers. */
    public void strip(HttpHeaders headers) {
        if (this.id != null) {
            headers.remove(this.id);
        }
        if (this.groups != null) {
            headers.remove(this.groups);
        }
    }

    /** Removes client copies, then sets the consumer's id and, when not empty, its groups value. */
    public void apply(HttpHeaders headers, String consumerId, String groupsValue) {
        strip(headers);
        if (this.id != null) {
            headers.set(this.id, consumerId);
        }
        if (this.groups != null && !groupsValue.isEmpty()) {
            headers.set(this.groups, groupsValue);
        }
    }

    /** {@link #apply(HttpHeaders, String, String)} for a consumer, joining its groups. */
    public void apply(HttpHeaders headers, Consumer consumer) {
        apply(headers, consumer.id(), groupsValue(consumer.groups()));
    }

    /** Groups sorted and joined with {@code ,}. */
    public static String groupsValue(Set<String> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        if (groups.size() == 1) {
            return groups.iterator().next();
        }
        return String.join(",", groups.stream().sorted().toList());
    }

    @Override
    public String toString() {
        return "IdentityHeaders" + names();
    }

    /** Configuration of the identity headers, nested in an authentication filter's ({@code identity-headers}). */
    public static class Config {

        /** Header carrying the consumer's id to the upstream; empty for none. Client copies are removed. */
        private String id = DEFAULT_ID;

        /**
         * Header carrying the consumer's groups (sorted, comma-separated) to the upstream; empty for none. Client
         * copies are removed.
         */
        private String groups = DEFAULT_GROUPS;

        public String getId() {
            return this.id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getGroups() {
            return this.groups;
        }

        public void setGroups(String groups) {
            this.groups = groups;
        }
    }
}
