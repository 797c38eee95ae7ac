package dev.portico.gateway.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.route.CidrRange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import static dev.portico.gateway.internal.ForwardedHeaderNames.FORWARDED;
import static dev.portico.gateway.internal.ForwardedHeaderNames.X_FORWARDED_FOR;
import static dev.portico.gateway.internal.ForwardedHeaderNames.X_FORWARDED_HOST;
import static dev.portico.gateway.internal.ForwardedHeaderNames.X_FORWARDED_PORT;
import static dev.portico.gateway.internal.ForwardedHeaderNames.X_FORWARDED_PREFIX;
import static dev.portico.gateway.internal.ForwardedHeaderNames.X_FORWARDED_PROTO;

/**
 * Tells the upstream who the client was: appends {@code X-Forwarded-For/Proto/Host/Port} and an RFC 7239
 * {@code Forwarded} element. Whether incoming forwarding headers are kept depends on who sent them: from a trusted
 * proxy (its address in {@code trustedProxies}) they are kept and appended to; from anyone else they are removed
 * first, because a client could otherwise claim any address. ({@code X-Forwarded-Prefix} is set by the filters that
 * strip a prefix.)
 */
public final class ForwardedHeaders {

    private static final ForwardedHeaders DISABLED = new ForwardedHeaders(false, List.of());

    private final boolean enabled;
    private final List<CidrRange> trustedProxies;

    private ForwardedHeaders(boolean enabled, List<CidrRange> trustedProxies) {
        this.enabled = enabled;
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Adds forwarding headers; incoming ones are kept only from these proxies. */
    public static ForwardedHeaders trusting(List<CidrRange> trustedProxies) {
        return new ForwardedHeaders(true, trustedProxies);
    }

    /** Adds forwarding headers and trusts no incoming ones. */
    public static ForwardedHeaders trustingNone() {
        return new ForwardedHeaders(true, List.of());
    }

    /** Leaves forwarding headers as they came. */
    public static ForwardedHeaders disabled() {
        return DISABLED;
    }

    public boolean enabled() {
        return this.enabled;
    }

    public List<CidrRange> trustedProxies() {
        return this.trustedProxies;
    }

    boolean trusts(InetSocketAddress remote) {
        return remote.getAddress() != null && trustsAddress(remote.getAddress());
    }

    /** Applies the policy to the exchange's outgoing request headers. */
    public void apply(GatewayExchange exchange) {
        if (!this.enabled) {
            return;
        }
        HttpHeaders headers = exchange.requestHeaders();
        InetSocketAddress remote = exchange.remoteAddress();
        boolean trusted = remote != null && !this.trustedProxies.isEmpty() && trusts(remote);
        if (trusted) {
            InetAddress reported = reportedClient(headers.getAll(X_FORWARDED_FOR));
            if (reported != null) {
                exchange.clientAddress(reported);
            }
        }
        else {
            headers.remove(X_FORWARDED_FOR);
            headers.remove(X_FORWARDED_PROTO);
            headers.remove(X_FORWARDED_HOST);
            headers.remove(X_FORWARDED_PORT);
            headers.remove(X_FORWARDED_PREFIX);
            headers.remove(FORWARDED);
        }
        // RFC 5952 form without a scope id: ::1, not 0:0:0:0:0:0:0:1 or fe80:0:0:0:0:0:0:1%eth0
        String client = remote == null || remote.getAddress() == null ? "unknown"
                : NetUtil.toAddressString(remote.getAddress());
        String proto = exchange.scheme();
        String host = headers.get(HttpHeaderNames.HOST);
        append(headers, X_FORWARDED_FOR, client);
        append(headers, X_FORWARDED_PROTO, proto);
        if (host != null) {
            append(headers, X_FORWARDED_HOST, host);
        }
        append(headers, X_FORWARDED_PORT, port(host, proto));
        StringBuilder element = new StringBuilder(64).append("for=");
        if (remote != null && remote.getAddress() instanceof Inet6Address) {
            element.append("\"[").append(client).append("]\"");
        }
        else {
            element.append(client);
        }
        if (host != null) {
            element.append(";host=\"").append(host.replace("\"", "")).append('"');
        }
        element.append(";proto=").append(proto);
        append(headers, FORWARDED, element.toString());
    }

    /**
     * The client a chain of trusted proxies reports: walking {@code X-Forwarded-For} from the right (the entry the
     * nearest proxy added), the first address that is not a trusted proxy; the left-most when all are. An entry
     * that is not an IP literal stops the walk (nothing left of it can be trusted). Never resolves names.
     */
    @Nullable InetAddress reportedClient(List<String> forwardedFor) {
        InetAddress last = null;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (hop.startsWith("[") && hop.endsWith("]")) {
                    hop = hop.substring(1, hop.length() - 1);
                }
                byte[] bytes = NetUtil.createByteArrayFromIpAddressString(hop);
                if (bytes == null) {
                    return last;
                }
                InetAddress address;
                try {
                    address = InetAddress.getByAddress(bytes);
                }
                catch (java.net.UnknownHostException ex) {
                    return last; // not reachable: the byte array has a valid length
                }
                last = address;
                if (!trustsAddress(address)) {
                    return address;
                }
            }
        }
        return last;
    }

    private boolean trustsAddress(InetAddress address) {
        for (CidrRange range : this.trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static void append(HttpHeaders headers, AsciiString name, String value) {
        // a list may arrive split over several header lines: keep every one
        List<String> prior = headers.getAll(name);
        String joined = prior.size() == 1 ? prior.get(0) : String.join(", ", prior);
        headers.set(name, joined.isEmpty() ? value : joined + ", " + value);
    }

    private static String port(String host, String proto) {
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > 0 && colon > host.lastIndexOf(']')) {
                return host.substring(colon + 1);
            }
        }
        return proto.equals("https") ? "443" : "80";
    }
}
