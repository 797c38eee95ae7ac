package dev.portico.gateway.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a
 * single-address range. Parsed once; {@link #contains} compares bytes without allocating.
 */
public final class CidrRange {

    private final String source;
    private final byte[] network;
    private final int prefixLength;

    private CidrRange(String source, byte[] network, int prefixLength) {
        this.source = source;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException for anything but a literal address with an optional prefix length */
    public static CidrRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.isEmpty() || !(Character.digit(address.charAt(0), 16) >= 0 || address.charAt(0) == ':')
                || address.chars().anyMatch(c -> !(Character.digit(c, 16) >= 0 || c == '.' || c == ':'))) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP range (expected e.g. 10.0.0.0/8 or ::1/128)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP range (expected e.g. 10.0.0.0/8)", ex);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        }
        catch (NumberFormatException ex) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("'" + cidr + "' has prefix length out of range (expected: 0-" + max + ")");
        }
        return new CidrRange(text, bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != this.network.length) {
            return false;
        }
        int full = this.prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != this.network[i]) {
                return false;
            }
        }
        int rest = this.prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (bytes[full] & mask) == (this.network[full] & mask);
    }

    @Override
    public String toString() {
        return this.source;
    }
}
