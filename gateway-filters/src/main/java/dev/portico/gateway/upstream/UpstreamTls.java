package dev.portico.gateway.upstream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIHostName;

import org.jspecify.annotations.Nullable;

/**
 * How the gateway verifies an upstream's {@code https} nodes and proves its own identity to them. Immutable; every
 * file is read and parsed when the builder is given it, so a wrong path or a broken PEM fails at startup, naming the
 * file, instead of on the first request.
 *
 * <ul>
 * <li><b>Trusted certificates</b>: PEM files of CA (or self-signed server) certificates. When given, they are the only
 * ones trusted for this upstream; when not, the JVM's default trust store is used. There is no way to switch
 * verification off.
 * <li><b>Client certificate</b> (mutual TLS): a PEM certificate chain, leaf first, and its unencrypted PKCS#8 PEM
 * private key ({@code -----BEGIN PRIVATE KEY-----}). The key must match the leaf certificate.
 * <li><b>Server name</b>: the name sent as SNI and checked against the node's certificate instead of the host in the
 * node's URI, for nodes addressed by IP or by an internal name their certificate does not carry.
 * </ul>
 *
 * <pre>{@code
 * UpstreamTls tls = UpstreamTls.builder()
 *         .trustedCertificate(Path.of("/etc/portico/internal-ca.pem"))
 *         .clientCertificate(Path.of("/etc/portico/gateway.crt"))
 *         .clientKey(Path.of("/etc/portico/gateway.key"))
 *         .serverName("users.internal")
 *         .build();
 * Upstream users = Upstream.builder("users").node("https://10.0.0.1:8443").tls(tls).build();
 * }</pre>
 *
 * <p>Two values are equal when they hold the same files, the same parsed certificates and key, and the same server
 * name: after a certificate file changes on disk, a rebuilt configuration is a different value, so the gateway
 * builds a new client for the upstream.
 */
public final class UpstreamTls {

    private static final String PKCS8_HINT = "expected an unencrypted PKCS#8 PEM key, -----BEGIN PRIVATE KEY-----;"
            + " convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private final List<Path> trustedCertificateFiles;
    private final List<X509Certificate> trustedCertificates;
    private final @Nullable Path clientCertificateFile;
    private final List<X509Certificate> clientCertificateChain;
    private final @Nullable Path clientKeyFile;
    private final @Nullable PrivateKey clientKey;
    private final @Nullable String serverName;
    private final int hash;

    private UpstreamTls(Builder b) {
        if ((b.clientCertificateFile == null) != (b.clientKeyFile == null)) {
            // name the missing one: that is the property to add
            String problem = b.clientCertificateFile == null
                    ? "client key '" + b.clientKeyFile + "' has no client certificate"
                    : "client certificate '" + b.clientCertificateFile + "' has no client key";
            throw InvalidSpecException.withMessage(problem + " (expected both or neither)",
                    b.clientCertificateFile == null ? "client-certificate" : "client-key", problem,
                    "expected both or neither");
        }
        if (b.clientKey != null) {
            checkKeyMatches(b.clientKey, b.clientKeyFile, b.clientCertificateChain.get(0), b.clientCertificateFile);
        }
        this.trustedCertificateFiles = List.copyOf(b.trustedCertificateFiles);
        this.trustedCertificates = List.copyOf(b.trustedCertificates);
        this.clientCertificateFile = b.clientCertificateFile;
        this.clientCertificateChain = List.copyOf(b.clientCertificateChain);
        this.clientKeyFile = b.clientKeyFile;
        this.clientKey = b.clientKey;
        this.serverName = b.serverName;
        this.hash = Objects.hash(this.trustedCertificateFiles, this.trustedCertificates, this.clientCertificateFile,
                this.clientCertificateChain, this.clientKeyFile, this.serverName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The files trusted certificates were read from; empty for the JVM's default trust. */
    public List<Path> trustedCertificateFiles() {
        return this.trustedCertificateFiles;
    }

    /** The certificates trusted for this upstream; empty for the JVM's default trust. */
    public List<X509Certificate> trustedCertificates() {
        return this.trustedCertificates;
    }

    /** Whether the JVM's default trust store verifies the nodes (no trusted certificates were given). */
    public boolean defaultTrust() {
        return this.trustedCertificates.isEmpty();
    }

    public @Nullable Path clientCertificateFile() {
        return this.clientCertificateFile;
    }

    /** The client certificate chain, leaf first; empty without a client certificate. */
    public List<X509Certificate> clientCertificateChain() {
        return this.clientCertificateChain;
    }

    public @Nullable Path clientKeyFile() {
        return this.clientKeyFile;
    }

    /** The client certificate's private key, or {@code null} without a client certificate. */
    public @Nullable PrivateKey clientKey() {
        return this.clientKey;
    }

    /** The SNI and verified name, or {@code null} for the host of each node's URI. */
    public @Nullable String serverName() {
        return this.serverName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpstreamTls t && t.hash == this.hash
                && t.trustedCertificateFiles.equals(this.trustedCertificateFiles)
                && t.trustedCertificates.equals(this.trustedCertificates)
                && Objects.equals(t.clientCertificateFile, this.clientCertificateFile)
                && t.clientCertificateChain.equals(this.clientCertificateChain)
                && Objects.equals(t.clientKeyFile, this.clientKeyFile)
                && Objects.equals(t.clientKey, this.clientKey)
                && Objects.equals(t.serverName, this.serverName);
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    /** Names files, never key material. */
    @Override
    public String toString() {
        return "UpstreamTls[trusted=" + (defaultTrust() ? "jvm-default" : this.trustedCertificateFiles)
                + (this.clientCertificateFile == null ? "" : ", client-certificate=" + this.clientCertificateFile)
                + (this.serverName == null ? "" : ", server-name=" + this.serverName) + "]";
    }

    private static byte[] read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " '" + file + "' does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException(what + " '" + file + "' cannot be read: " + ex.getMessage(), ex);
        }
    }

    private static List<X509Certificate> readCertificates(Path file, String what) {
        byte[] pem = read(file, what);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(c -> certificates.add((X509Certificate) c));
        }
        catch (CertificateException ex) {
            throw new IllegalArgumentException(what + " '" + file + "' is not a PEM certificate file: "
                    + ex.getMessage() + " (expected one or more -----BEGIN CERTIFICATE----- blocks)", ex);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(what + " '" + file
                    + "' holds no certificate (expected one or more -----BEGIN CERTIFICATE----- blocks)");
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Path file) {
        String pem = new String(read(file, "client key"), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int stop = start < 0 ? -1 : pem.indexOf(end, start);
        if (start < 0 || stop < 0) {
            String found = pem.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
                    : pem.contains("RSA PRIVATE KEY") ? "a PKCS#1 RSA key"
                    : pem.contains("EC PRIVATE KEY") ? "a SEC1 EC key" : "no private key";
            throw new IllegalArgumentException("client key '" + file + "' holds " + found + " (" + PKCS8_HINT + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), stop));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("client key '" + file + "' is not valid base64 (" + PKCS8_HINT + ")",
                    ex);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        Arrays.fill(der, (byte) 0); // the spec holds its own copy
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (GeneralSecurityException ex) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("client key '" + file
                + "' is not an RSA, EC or EdDSA private key the JVM can read (" + PKCS8_HINT + ")");
    }

    /** Signs and verifies a probe so a key that belongs to another certificate fails here, not in a handshake. */
    private static void checkKeyMatches(PrivateKey key, @Nullable Path keyFile, X509Certificate leaf,
            @Nullable Path certificateFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // e.g. RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] probe = "portico".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            matches = false;
        }
        if (!matches) {
            String problem = "client key '" + keyFile + "' does not match the first certificate of '" + certificateFile
                    + "'";
            String fix = "expected the leaf certificate's private key";
            throw InvalidSpecException.withMessage(problem + " (" + fix + ")", "client-key", problem, fix);
        }
    }

    /** Builds an {@link UpstreamTls}; each file is read and parsed as it is given. */
    public static final class Builder {

        private final List<Path> trustedCertificateFiles = new ArrayList<>();
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private @Nullable Path clientCertificateFile;
        private List<X509Certificate> clientCertificateChain = List.of();
        private @Nullable Path clientKeyFile;
        private @Nullable PrivateKey clientKey;
        private @Nullable String serverName;

        private Builder() {
        }

        /**
         * Trusts the certificates of a PEM file (one or more {@code CERTIFICATE} blocks).
         * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no certificate
         */
        public Builder trustedCertificate(Path file) {
            Objects.requireNonNull(file, "file");
            this.trustedCertificates.addAll(readCertificates(file, "trusted certificate file"));
            this.trustedCertificateFiles.add(file);
            return this;
        }

        /** Trusts the certificates of each PEM file; see {@link #trustedCertificate(Path)}. */
        public Builder trustedCertificates(List<Path> files) {
            files.forEach(this::trustedCertificate);
            return this;
        }

        /**
         * The client certificate chain for mutual TLS: a PEM file, leaf first. Needs {@link #clientKey(Path)}.
         * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no certificate
         */
        public Builder clientCertificate(Path file) {
            this.clientCertificateChain = List.copyOf(readCertificates(Objects.requireNonNull(file, "file"),
                    "client certificate"));
            this.clientCertificateFile = file;
            return this;
        }

        /**
         * The client certificate's private key: an unencrypted PKCS#8 PEM file. Needs
         * {@link #clientCertificate(Path)}.
         * @throws IllegalArgumentException naming the file when it is missing, unreadable or not such a key
         */
        public Builder clientKey(Path file) {
            this.clientKey = readPrivateKey(Objects.requireNonNull(file, "file"));
            this.clientKeyFile = file;
            return this;
        }

        /**
         * The name to send as SNI and to verify the node's certificate against, instead of the node URI's host;
         * {@code null} for the URI's host.
         */
        public Builder serverName(@Nullable String serverName) {
            this.serverName = serverName == null ? null : validServerName(serverName);
            return this;
        }

        private static String validServerName(String serverName) {
            String name = serverName.trim();
            boolean valid = !name.isEmpty() && name.indexOf(':') < 0 && !name.matches("[0-9.]+");
            if (valid) {
                try {
                    new SNIHostName(name); // rejects what SNI cannot carry: IP literals, trailing dots, bad labels
                }
                catch (IllegalArgumentException ex) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new IllegalArgumentException("server name '" + serverName
                        + "' (expected a DNS host name such as users.internal, without port or trailing dot)");
            }
            return name;
        }

        /** @throws IllegalArgumentException when only one of client certificate and key is set, or they differ */
        public UpstreamTls build() {
            return new UpstreamTls(this);
        }
    }
}
