package dev.portico.gateway.upstream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.portico.gateway.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UpstreamTlsTest {

    @TempDir
    static Path dir;

    static TestPki.Issued ca;

    static Path caFile;

    static Path clientCertificate;

    static Path clientKey;

    @BeforeAll
    static void certificates() {
        ca = TestPki.ca("Test CA");
        caFile = ca.writeCertificate(dir, "ca");
        TestPki.Issued client = ca.issue("gateway", List.of(), false);
        clientCertificate = client.writeCertificate(dir, "client");
        clientKey = client.writeKey(dir, "client");
    }

    @Test
    void readsTrustedCertificatesAndTheClientKeyPair() {
        UpstreamTls tls = UpstreamTls.builder().trustedCertificate(caFile).clientCertificate(clientCertificate)
                .clientKey(clientKey).serverName("users.internal").build();

        assertThat(tls.trustedCertificates()).containsExactly(ca.certificate());
        assertThat(tls.trustedCertificateFiles()).containsExactly(caFile);
        assertThat(tls.defaultTrust()).isFalse();
        assertThat(tls.clientCertificateChain()).hasSize(1);
        assertThat(tls.clientKey()).isNotNull();
        assertThat(tls.serverName()).isEqualTo("users.internal");
    }

    @Test
    void withoutTrustedCertificatesTheJvmDefaultTrustApplies() {
        UpstreamTls tls = UpstreamTls.builder().serverName("users.internal").build();

        assertThat(tls.defaultTrust()).isTrue();
        assertThat(tls.clientKey()).isNull();
    }

    @Test
    void aBundleOfSeveralCertificatesIsTrustedWhole() {
        TestPki.Issued other = TestPki.ca("Other CA");
        Path bundle = TestPki.write(dir.resolve("bundle.pem"), TestPki.pem("CERTIFICATE", encoded(ca))
                + TestPki.pem("CERTIFICATE", encoded(other)));

        assertThat(UpstreamTls.builder().trustedCertificate(bundle).build().trustedCertificates())
                .containsExactly(ca.certificate(), other.certificate());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");

        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().trustedCertificate(missing))
                .withMessageContaining("trusted certificate file '" + missing + "' does not exist");
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().clientKey(missing))
                .withMessageContaining("client key '" + missing + "'");
    }

    @Test
    void fileWithoutCertificatesIsNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "# nothing here\n");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().trustedCertificate(empty))
                .withMessageContaining("'" + empty + "'").withMessageContaining("BEGIN CERTIFICATE");
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().clientCertificate(garbage))
                .withMessageContaining("client certificate '" + garbage + "'");
    }

    @Test
    void keyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path certificate = dir.resolve("client.crt");

        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().clientKey(pkcs1))
                .withMessageContaining("'" + pkcs1 + "' holds a PKCS#1 RSA key")
                .withMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder().clientKey(certificate))
                .withMessageContaining("holds no private key");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        Path otherKey = ca.writeKey(dir, "other");

        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder()
                .clientCertificate(clientCertificate).clientKey(otherKey).build())
                .withMessageContaining("client key '" + otherKey + "' does not match")
                .withMessageContaining(clientCertificate.toString());
    }

    @Test
    void clientCertificateAndKeyComeTogether() {
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder()
                .clientCertificate(clientCertificate).build()).withMessageContaining("has no client key");
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamTls.builder()
                .clientKey(clientKey).build()).withMessageContaining("has no client certificate");
    }

    @Test
    void serverNameIsAHostName() {
        for (String bad : List.of("", " ", "10.0.0.1", "users.internal:8443", "users.internal.", "a b")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> UpstreamTls.builder().serverName(bad))
                    .withMessageContaining("expected a DNS host name");
        }
    }

    @Test
    void equalityFollowsTheFilesContent() throws Exception {
        Path copy = Files.copy(caFile, dir.resolve("ca-copy.pem"));
        UpstreamTls before = UpstreamTls.builder().trustedCertificate(copy).build();

        assertThat(UpstreamTls.builder().trustedCertificate(copy).build()).isEqualTo(before).hasSameHashCodeAs(before);
        Files.writeString(copy, TestPki.pem("CERTIFICATE", encoded(TestPki.ca("Rotated CA"))));
        assertThat(UpstreamTls.builder().trustedCertificate(copy).build()).isNotEqualTo(before);
    }

    @Test
    void toStringNamesFilesNeverKeys() {
        UpstreamTls tls = UpstreamTls.builder().clientCertificate(clientCertificate).clientKey(clientKey).build();

        assertThat(tls.toString()).contains("jvm-default", clientCertificate.toString()).doesNotContain("PRIVATE");
    }

    private static byte[] encoded(TestPki.Issued issued) {
        try {
            return issued.certificate().getEncoded();
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
