package dev.portico.gateway.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test certificates made in the JVM, in milliseconds: a small DER writer for X.509 v3 certificates with EC P-256
 * keys signed SHA256withECDSA. Netty's {@code SelfSignedCertificate} needs BouncyCastle or falls back to running
 * {@code keytool} in a subprocess (seconds per certificate), and cannot add subject alternative names.
 *
 * <pre>
 *   ca = TestPki.ca("Portico Test CA")                       CA:true, self-signed
 *   server = ca.issue("localhost", List.of("localhost"), true)  SAN DNS:localhost, IP:127.0.0.1
 *   client = ca.issue("gateway", List.of(), false)           a client certificate
 * </pre>
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private TestPki() {
    }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public PrivateKey privateKey() {
            return this.keys.getPrivate();
        }

        /** A certificate signed by this one (which must be a CA), valid from an hour ago for a day. */
        public Issued issue(String commonName, List<String> dnsNames, boolean loopbackIp) {
            return create(commonName, dnsNames, loopbackIp, false, this);
        }

        /** Writes the certificate as PEM to {@code dir/<name>.crt}. */
        public Path writeCertificate(Path dir, String name) {
            return write(dir.resolve(name + ".crt"), pem("CERTIFICATE", encoded(this.certificate)));
        }

        /** Writes the private key as unencrypted PKCS#8 PEM to {@code dir/<name>.key}. */
        public Path writeKey(Path dir, String name) {
            return write(dir.resolve(name + ".key"), pem("PRIVATE KEY", this.keys.getPrivate().getEncoded()));
        }
    }

    /** A self-signed CA. */
    public static Issued ca(String commonName) {
        return create(commonName, List.of(), false, true, null);
    }

    private static Issued create(String commonName, List<String> dnsNames, boolean loopbackIp, boolean ca,
            Issued issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = seq(oid("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
            byte[] subject = name(commonName);
            byte[] issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal().getEncoded();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            for (String dns : dnsNames) {
                names.writeBytes(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
            }
            if (loopbackIp) {
                names.writeBytes(tlv(0x87, new byte[] { 127, 0, 0, 1 }));
            }
            byte[] basicConstraints = extension("2.5.29.19", true,
                    ca ? seq(tlv(0x01, new byte[] { (byte) 0xFF })) : seq());
            byte[] extensions = names.size() == 0 ? seq(basicConstraints)
                    : seq(basicConstraints, extension("2.5.29.17", false, tlv(0x30, names.toByteArray())));
            byte[] tbs = seq(
                    tlv(0xA0, tlv(0x02, new byte[] { 2 })), // v3
                    tlv(0x02, BigInteger.valueOf(SERIAL.incrementAndGet()).toByteArray()),
                    algorithm,
                    issuerName,
                    seq(utcTime(now.minusHours(1)), utcTime(now.plusDays(1))),
                    subject,
                    keys.getPublic().getEncoded(),
                    tlv(0xA3, extensions));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuer == null ? keys.getPrivate() : issuer.privateKey());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(certificate, keys);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    // ---- DER

    private static byte[] name(String commonName) {
        byte[] cn = seq(oid("2.5.4.3"), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)));
        return seq(tlv(0x31, cn));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? seq(oid(oid), tlv(0x01, new byte[] { (byte) 0xFF }), tlv(0x04, value))
                : seq(oid(oid), tlv(0x04, value));
    }

    private static byte[] utcTime(ZonedDateTime time) {
        return tlv(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            for (long rest = arc >>> 7; rest > 0; rest >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int septet = (int) ((arc >>> (7 * g)) & 0x7F);
                out.write(g == 0 ? septet : septet | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        }
        else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        }
        else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
