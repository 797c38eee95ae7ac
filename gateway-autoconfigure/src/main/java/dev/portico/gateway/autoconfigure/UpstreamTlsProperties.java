package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * TLS to an upstream's https nodes: whom to trust, the gateway's client certificate (mutual TLS) and the server name.
 * Files are PEM and read at startup; a missing or unreadable file fails startup naming the property. See
 * docs/upstream-tls.md.
 */
public class UpstreamTlsProperties {

    /**
     * PEM files of the CA (or self-signed server) certificates to trust for this upstream, instead of the JVM's
     * default trust store. Unset to use the JVM's default trust.
     */
    private List<String> trustedCertificates = new ArrayList<>();

    /** PEM file of the gateway's client certificate chain, leaf first, for upstreams that require one (mutual TLS). */
    private @Nullable String clientCertificate;

    /** PEM file of the client certificate's private key: unencrypted PKCS#8 (-----BEGIN PRIVATE KEY-----). */
    private @Nullable String clientKey;

    /**
     * Host name sent as SNI and verified against the nodes' certificates, instead of the host of each node's uri;
     * for nodes addressed by IP or by a name their certificates do not carry.
     */
    private @Nullable String serverName;

    public List<String> getTrustedCertificates() {
        return this.trustedCertificates;
    }

    public void setTrustedCertificates(List<String> trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public @Nullable String getClientCertificate() {
        return this.clientCertificate;
    }

    public void setClientCertificate(@Nullable String clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    public @Nullable String getClientKey() {
        return this.clientKey;
    }

    public void setClientKey(@Nullable String clientKey) {
        this.clientKey = clientKey;
    }

    public @Nullable String getServerName() {
        return this.serverName;
    }

    public void setServerName(@Nullable String serverName) {
        this.serverName = serverName;
    }

    boolean isSet() {
        return !this.trustedCertificates.isEmpty() || this.clientCertificate != null || this.clientKey != null
                || this.serverName != null;
    }
}
