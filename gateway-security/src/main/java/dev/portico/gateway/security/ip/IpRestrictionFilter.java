package dev.portico.gateway.security.ip;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.route.CidrRange;
import org.jspecify.annotations.Nullable;

/**
 * Allows or refuses requests by client address: the address {@link GatewayExchange#clientAddress()} reports, which is
 * the peer's own unless the peer is a trusted proxy ({@code portico.forwarded.trusted-proxies}); a spoofed
 * {@code X-Forwarded-For} from anyone else changes nothing. Refused requests get a 403 problem and never reach the
 * upstream.
 *
 * <pre>{@code
 * Route.builder("admin").match(m -> m.path("/admin/**")).uri("http://127.0.0.1:9001")
 *         .filter(IpRestrictionFilter.of(List.of("10.0.0.0/8", "2001:db8::/32"), List.of("10.6.6.0/24")))
 *         .build();
 * }</pre>
 *
 * <p>Rules: <b>deny wins over allow</b>. An address in a deny range is refused even when an allow range also holds
 * it; with an allow list, an address outside every allow range is refused; with only a deny list, everything else is
 * allowed. An unknown client address (no peer address) is refused whenever an allow list is given, and allowed with
 * only a deny list. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) are matched as the IPv4 address they carry.
 */
public final class IpRestrictionFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "ip-restriction";

    private final CidrRange[] allow;
    private final CidrRange[] deny;
    /** Shared: a GatewayException has no stack trace, so refusing allocates nothing. */
    private final GatewayException refused =
            new GatewayException(403, "Forbidden", "client address is not allowed on this route");

    private IpRestrictionFilter(@Nullable List<String> allow, @Nullable List<String> deny) {
        this.allow = parse("allow", allow);
        this.deny = parse("deny", deny);
        if (this.allow.length == 0 && this.deny.length == 0) {
            throw new IllegalArgumentException(
                    "allow: [], deny: [] (expected: at least one address range in allow or deny, e.g. 10.0.0.0/8)");
        }
    }

    /** A filter that allows only addresses in {@code allow}, except those in {@code deny} (either may be empty). */
    public static IpRestrictionFilter of(List<String> allow, List<String> deny) {
        return new IpRestrictionFilter(Objects.requireNonNull(allow, "allow"), Objects.requireNonNull(deny, "deny"));
    }

    /** A filter that allows only addresses in these ranges. */
    public static IpRestrictionFilter allow(String... ranges) {
        return of(List.of(ranges), List.of());
    }

    /** A filter that refuses addresses in these ranges and allows all others. */
    public static IpRestrictionFilter deny(String... ranges) {
        return of(List.of(), List.of(ranges));
    }

    private static CidrRange[] parse(String property, @Nullable List<String> ranges) {
        if (ranges == null) {
            return new CidrRange[0];
        }
        List<CidrRange> parsed = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            String range = ranges.get(i);
            if (range == null || range.isBlank()) {
                throw new IllegalArgumentException(property + "[" + i + "]: '" + range
                        + "' (expected: an IPv4 or IPv6 address or CIDR range, e.g. 10.0.0.0/8 or 2001:db8::/32)");
            }
            try {
                parsed.add(CidrRange.parse(range));
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(property + "[" + i + "]: " + ex.getMessage(), ex);
            }
        }
        return parsed.toArray(CidrRange[]::new);
    }

    public List<String> allowed() {
        return names(this.allow);
    }

    public List<String> denied() {
        return names(this.deny);
    }

    private static List<String> names(CidrRange[] ranges) {
        List<String> names = new ArrayList<>(ranges.length);
        for (CidrRange range : ranges) {
            names.add(range.toString());
        }
        return List.copyOf(names);
    }

    @Override
    public void apply(GatewayExchange exchange) {
        if (!permits(exchange.clientAddress())) {
            throw this.refused;
        }
    }

    /** Whether this address may pass: not denied, and allowed when there is an allow list. */
    public boolean permits(@Nullable InetAddress client) {
        if (client == null) {
            return this.allow.length == 0;
        }
        InetAddress address = unmapped(client);
        if (matches(this.deny, address)) {
            return false;
        }
        return this.allow.length == 0 || matches(this.allow, address);
    }

    private static boolean matches(CidrRange[] ranges, InetAddress address) {
        for (CidrRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4-mapped IPv6 address as the IPv4 address it carries (a dual-stack socket reports IPv4 peers so). */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex); // four bytes are always an address
        }
    }

    @Override
    public String toString() {
        return "IpRestrictionFilter[allow=" + allowed() + ", deny=" + denied() + "]";
    }

    /** Makes {@code ip-restriction} filters: {@code - ip-restriction: 10.0.0.0/8, 192.168.0.0/16} (allow list). */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "allow");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new IpRestrictionFilter(config.getAllow(), config.getDeny());
        }

        /** Configuration of {@code ip-restriction}. */
        public static class Config {

            /**
             * Address ranges (CIDR, IPv4 or IPv6, or single addresses) allowed; when not empty, every other address
             * is refused.
             */
            private List<String> allow = new ArrayList<>();

            /** Address ranges refused, even when an allow range also holds them. */
            private List<String> deny = new ArrayList<>();

            public List<String> getAllow() {
                return this.allow;
            }

            public void setAllow(List<String> allow) {
                this.allow = allow;
            }

            public List<String> getDeny() {
                return this.deny;
            }

            public void setDeny(List<String> deny) {
                this.deny = deny;
            }
        }
    }
}
