package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** How X-Forwarded-* and Forwarded headers are sent upstream. See docs/configuration.md#forwarding-headers. */
public class ForwardedProperties {

    /** Whether X-Forwarded-For/Proto/Host/Port and Forwarded are added to requests sent upstream. */
    private boolean enabled = true;

    /**
     * Addresses (CIDR) of proxies in front of the gateway whose forwarding headers are kept and appended to. From any
     * other client, incoming forwarding headers are removed, since a client could claim any address.
     */
    private List<String> trustedProxies = new ArrayList<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTrustedProxies() {
        return this.trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }
}
