package dev.portico.gateway.upstream;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

import dev.portico.gateway.internal.Hashing;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.internal.QueryParams;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * What consistent hashing keeps together on one endpoint: a request header, a cookie, the client's IP address, the
 * path, or the authenticated consumer ({@link GatewayAttributes#CONSUMER}). Configuration spells them
 * {@code header:<name>}, {@code cookie:<name>}, {@code client-ip}, {@code path} and {@code consumer}
 * (see {@link #parse}).
 *
 * <p>A request may lack its key (no such header or cookie, an empty value, no authenticated consumer): then
 * {@link #value} is {@code null} and {@link ConsistentHashBalancer} falls back to round-robin for that request.
 */
public final class HashKey {

    /** Where the key comes from. */
    public enum Source {
        /** A request header, by name (case-insensitive); its first value. */
        HEADER,
        /** A cookie of the {@code Cookie} header, by name (case-sensitive). */
        COOKIE,
        /** The address of the connection's peer, as the exchange reports it. */
        CLIENT_IP,
        /** The raw request path, without the query. */
        PATH,
        /** The {@link GatewayAttributes#CONSUMER} attribute an authentication filter sets. */
        CONSUMER
    }

    private static final String EXPECTED = "expected header:<name>, cookie:<name>, client-ip, path or consumer";

    /** Seed of request-key hashes (endpoint hashes use others). */
    private static final long SEED = 0x5EED_0F_4E75L;

    private static final HashKey CLIENT_IP = new HashKey(Source.CLIENT_IP, null);
    private static final HashKey PATH = new HashKey(Source.PATH, null);
    private static final HashKey CONSUMER = new HashKey(Source.CONSUMER, null);

    private final Source source;
    private final @Nullable String name;
    private final @Nullable AsciiString headerName;

    private HashKey(Source source, @Nullable String name) {
        this.source = source;
        this.name = name;
        this.headerName = source == Source.HEADER && name != null ? AsciiString.cached(name) : null;
    }

    /** The first value of request header {@code name}. */
    public static HashKey header(String name) {
        return new HashKey(Source.HEADER, requireName(name, "header"));
    }

    /** The value of cookie {@code name}. */
    public static HashKey cookie(String name) {
        return new HashKey(Source.COOKIE, requireName(name, "cookie"));
    }

    /** The client's IP address (the connection's peer). */
    public static HashKey clientIp() {
        return CLIENT_IP;
    }

    /** The raw request path. */
    public static HashKey path() {
        return PATH;
    }

    /** The authenticated consumer. */
    public static HashKey consumer() {
        return CONSUMER;
    }

    /**
     * Parses the configuration form: {@code header:<name>}, {@code cookie:<name>}, {@code client-ip}, {@code path}
     * or {@code consumer} (the source is case-insensitive, the name is kept as given).
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static HashKey parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String source = (colon < 0 ? trimmed : trimmed.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String name = colon < 0 ? null : trimmed.substring(colon + 1).trim();
        switch (source) {
            case "header", "cookie" -> {
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("hash-key: '" + text + "' has no " + source + " name ("
                            + EXPECTED + ")");
                }
                return source.equals("header") ? header(name) : cookie(name);
            }
            case "client-ip", "path", "consumer" -> {
                if (name != null) {
                    throw new IllegalArgumentException("hash-key: '" + text + "' takes no name (" + EXPECTED + ")");
                }
                return source.equals("client-ip") ? CLIENT_IP : source.equals("path") ? PATH : CONSUMER;
            }
            default -> throw new IllegalArgumentException("hash-key: '" + text + "' (" + EXPECTED + ")");
        }
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("hash-key: " + what + " name is blank (expected e.g. " + what
                    + ":" + (what.equals("header") ? "X-User-Id" : "session") + ")");
        }
        return name;
    }

    public Source source() {
        return this.source;
    }

    /** The header or cookie name, or {@code null} for the other sources. */
    public @Nullable String name() {
        return this.name;
    }

    /** The key of {@code exchange} as text, or {@code null} when the request has none (or it is empty). */
    public @Nullable String value(GatewayExchange exchange) {
        String value = switch (this.source) {
            case HEADER -> exchange.requestHeaders().get(this.headerName);
            case COOKIE -> QueryParams.cookie(exchange.requestHeaders(), this.name);
            case CLIENT_IP -> clientIp(exchange.remoteAddress());
            case PATH -> exchange.rawPath();
            case CONSUMER -> {
                Consumer consumer = exchange.attr(GatewayAttributes.CONSUMER);
                yield consumer == null ? null : consumer.id();
            }
        };
        return value == null || value.isEmpty() ? null : value;
    }

    private static @Nullable String clientIp(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return null;
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }

    /**
     * A 63-bit hash of the key of {@code exchange}, or -1 when it has none. An IPv4 client address is hashed from
     * its 32 bits, without making text of it.
     */
    public long hash(GatewayExchange exchange) {
        if (this.source == Source.CLIENT_IP) {
            InetSocketAddress remote = exchange.remoteAddress();
            InetAddress address = remote == null ? null : remote.getAddress();
            if (address instanceof Inet4Address) {
                return Hashing.mix(address.hashCode() ^ SEED) >>> 1;
            }
            if (address != null) {
                return Hashing.hash(address.getAddress(), SEED) >>> 1;
            }
        }
        String value = value(exchange);
        return value == null ? -1 : Hashing.hash(value, SEED) >>> 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HashKey key && key.source == this.source && Objects.equals(key.name, this.name);
    }

    @Override
    public int hashCode() {
        return this.source.hashCode() * 31 + Objects.hashCode(this.name);
    }

    /** The configuration form, e.g. {@code header:X-User-Id}. */
    @Override
    public String toString() {
        String source = this.source.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return this.name == null ? source : source + ":" + this.name;
    }
}
