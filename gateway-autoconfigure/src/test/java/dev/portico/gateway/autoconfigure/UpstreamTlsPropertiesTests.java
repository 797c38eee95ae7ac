package dev.portico.gateway.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamProtocol;
import dev.portico.gateway.upstream.UpstreamTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** portico.upstreams.*.tls and .protocol, bound into the engine's upstream model; bad files fail startup. */
class UpstreamTlsPropertiesTests {

    /** A self-signed EC P-256 test certificate (CN=portico-test, valid to 2126) and its key: test material only. */
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBhTCCASugAwIBAgIUCPioLoyM6XZs/8ZG8YXrBY5Nn34wCgYIKoZIzj0EAwIw
            FzEVMBMGA1UEAwwMcG9ydGljby10ZXN0MCAXDTI2MTEyODA3MTk0OVoYDzIxMjYx
            MTA0MDcxOTQ5WjAXMRUwEwYDVQQDDAxwb3J0aWNvLXRlc3QwWTATBgcqhkjOPQIB
            BggqhkjOPQMBBwNCAAQWOd42aEOnkIDQK99m13R7twsVIt8gBxeEE8kIq4owfLL7
            VVbyuYlE/ET9TkUpGXdsrHvNt6NSGvfZkKXErBU/o1MwUTAdBgNVHQ4EFgQUHFA1
            S7cBpqf6M9xHbx2dGZRrTckwHwYDVR0jBBgwFoAUHFA1S7cBpqf6M9xHbx2dGZRr
            TckwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAWz6vVV0lOuXqX
            JE9wqWbhJTblSleEyG5Nxpr8UX2B1AIhAOD1/30w5gxqpKgo9ZI60i2/wjEM05B0
            06TKlMu0Lqsj
            -----END CERTIFICATE-----
            """;

    private static final String KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbbpVY2t4Uytb2evx
            4dJq2P4DE5d9cWBAEqnUnyAMNfShRANCAAQWOd42aEOnkIDQK99m13R7twsVIt8g
            BxeEE8kIq4owfLL7VVbyuYlE/ET9TkUpGXdsrHvNt6NSGvfZkKXErBU/
            -----END PRIVATE KEY-----
            """;

    @TempDir
    static Path dir;

    static Path certificate;

    static Path key;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class));

    @BeforeAll
    static void files() throws IOException {
        certificate = Files.writeString(dir.resolve("test.crt"), CERTIFICATE);
        key = Files.writeString(dir.resolve("test.key"), KEY);
    }

    @Test
    void bindsTlsAndProtocol() {
        this.runner.withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=https://10.0.0.1:8443",
                "portico.upstreams.users.protocol=h2",
                "portico.upstreams.users.tls.trusted-certificates[0]=" + certificate,
                "portico.upstreams.users.tls.trusted-certificates[1]=file:" + certificate,
                "portico.upstreams.users.tls.client-certificate=" + certificate,
                "portico.upstreams.users.tls.client-key=" + key,
                "portico.upstreams.users.tls.server-name=users.internal",
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].upstream=users")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Upstream users = context.getBean(Gateway.class).upstream("users").upstream();
                    assertThat(users.protocol()).isEqualTo(UpstreamProtocol.H2);
                    UpstreamTls tls = users.tls();
                    assertThat(tls.trustedCertificateFiles()).containsExactly(certificate, certificate);
                    assertThat(tls.trustedCertificates()).hasSize(2);
                    assertThat(tls.clientCertificateFile()).isEqualTo(certificate);
                    assertThat(tls.clientKey()).isNotNull();
                    assertThat(tls.serverName()).isEqualTo("users.internal");
                });
    }

    @Test
    void defaultsToHttp11AndTheJvmsTrust() {
        this.runner.withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=https://10.0.0.1:8443",
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].upstream=users")
                .run(context -> {
                    Upstream users = context.getBean(Gateway.class).upstream("users").upstream();
                    assertThat(users.protocol()).isEqualTo(UpstreamProtocol.HTTP1_1);
                    assertThat(users.tls()).isNull();
                });
    }

    @Test
    void bindsH2c() {
        this.runner.withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=http://10.0.0.1:8080",
                "portico.upstreams.users.protocol=h2c",
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].upstream=users")
                .run(context -> assertThat(context.getBean(Gateway.class).upstream("users").upstream().protocol())
                        .isEqualTo(UpstreamProtocol.H2C));
    }

    @Test
    void missingTrustedCertificateFailsStartupNamingThePropertyAndTheFile() {
        Path missing = dir.resolve("missing-ca.pem");
        RouteDefinitionException failure = failure("tls.trusted-certificates[0]=" + missing);

        assertThat(failure.property()).isEqualTo("portico.upstreams.users.tls.trusted-certificates[0]");
        assertThat(failure.problem()).contains("'" + missing + "' does not exist");
    }

    @Test
    void keyInTheCertificatePropertyNamesClientCertificate() {
        RouteDefinitionException failure = failure("tls.client-certificate=" + key, "tls.client-key=" + key);

        assertThat(failure.property()).isEqualTo("portico.upstreams.users.tls.client-certificate");
    }

    @Test
    void certificateInTheKeyPropertyNamesClientKey() {
        RouteDefinitionException failure = failure("tls.client-certificate=" + certificate,
                "tls.client-key=" + certificate);

        assertThat(failure.property()).isEqualTo("portico.upstreams.users.tls.client-key");
        assertThat(failure.problem()).contains("holds no private key");
    }

    @Test
    void keyWithoutCertificateNamesTheMissingProperty() {
        assertThat(failure("tls.client-key=" + key).property())
                .isEqualTo("portico.upstreams.users.tls.client-certificate");
        assertThat(failure("tls.client-certificate=" + certificate).property())
                .isEqualTo("portico.upstreams.users.tls.client-key");
    }

    @Test
    void classpathResourcesAreRefused() {
        RouteDefinitionException failure = failure("tls.trusted-certificates[0]=classpath:ca.pem");

        assertThat(failure.problem()).contains("classpath resource");
    }

    @Test
    void badServerNameOrProtocolNamesTheProperty() {
        assertThat(failure("tls.server-name=10.0.0.1").property()).isEqualTo("portico.upstreams.users.tls.server-name");
        assertThat(failure("protocol=http3").property()).isEqualTo("portico.upstreams.users.protocol");
    }

    @Test
    void schemesThatDoNotFitNameProtocolOrTls() {
        assertThat(failure("protocol=h2c").property()).isEqualTo("portico.upstreams.users.protocol");
        assertThat(failureWith("http://10.0.0.1:8080", "protocol=h2").property())
                .isEqualTo("portico.upstreams.users.protocol");
        assertThat(failureWith("http://10.0.0.1:8080", "tls.server-name=users.internal").property())
                .isEqualTo("portico.upstreams.users.tls");
    }

    /** The startup failure of upstream 'users' with an https node and these properties. */
    private RouteDefinitionException failure(String... upstreamProperties) {
        return failureWith("https://10.0.0.1:8443", upstreamProperties);
    }

    private RouteDefinitionException failureWith(String node, String... upstreamProperties) {
        String[] all = new String[upstreamProperties.length + 1];
        all[0] = "portico.upstreams.users.nodes[0].uri=" + node;
        for (int i = 0; i < upstreamProperties.length; i++) {
            all[i + 1] = "portico.upstreams.users." + upstreamProperties[i];
        }
        RouteDefinitionException[] found = new RouteDefinitionException[1];
        this.runner.withPropertyValues(all).run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof RouteDefinitionException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOf(RouteDefinitionException.class);
            found[0] = (RouteDefinitionException) t;
        });
        return found[0];
    }
}
