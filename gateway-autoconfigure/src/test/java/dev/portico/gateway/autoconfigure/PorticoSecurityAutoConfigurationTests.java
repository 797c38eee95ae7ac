package dev.portico.gateway.autoconfigure;

import java.time.Instant;
import java.util.HexFormat;

import dev.portico.gateway.autoconfigure.properties.InvalidPropertyKeysException;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.security.basicauth.BasicAuthFilter;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.ConsumerStore;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import dev.portico.gateway.security.keyauth.KeyAuthFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer store from {@code portico.consumers} and the authentication filter factories. The engine's
 * auto-configuration is left out: until {@code consumers} is a field of {@code PorticoProperties} its strict
 * binding refuses {@code portico.consumers.*}.
 */
class PorticoSecurityAutoConfigurationTests {

    private static final String HASH = "sha256:" + HexFormat.of().formatHex(ApiKey.sha256("key-2026"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoSecurityAutoConfiguration.class));

    @Test
    void bindsConsumersWithTheirKeysGroupsAndBasicAuth() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("pw");
        this.runner.withPropertyValues(
                "portico.consumers.reports.groups[0]=internal",
                "portico.consumers.reports.metadata.plan=gold",
                "portico.consumers.reports.api-keys[0].hash=" + HASH,
                "portico.consumers.reports.api-keys[1].key=key-2025",
                "portico.consumers.reports.api-keys[1].expires-at=2026-12-31T00:00:00Z",
                "portico.consumers.reports.basic-auth.password-hash=" + bcrypt,
                "portico.consumers.mobile-app.id=mobile",
                "portico.consumers.mobile-app.api-keys[0].key=mobile-key")
                .run(context -> {
                    assertThat(context).hasSingleBean(ConsumerStore.class)
                            .hasSingleBean(KeyAuthFilter.Factory.class).hasSingleBean(BasicAuthFilter.Factory.class);
                    ConsumerStore store = context.getBean(ConsumerStore.class);
                    ConsumerCredentials reports = store.findByApiKeyHash(ApiKey.sha256("key-2026")).owner();
                    assertThat(reports.id()).isEqualTo("reports");
                    assertThat(reports.consumer().groups()).containsExactly("internal");
                    assertThat(reports.consumer().metadata()).containsEntry("plan", "gold");
                    assertThat(store.findByApiKeyHash(ApiKey.sha256("key-2025")).key().expiresAt())
                            .isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
                    assertThat(store.findByUsername("reports")).isSameAs(reports);  // username defaults to the id
                    assertThat(store.findById("mobile")).isNotNull();
                    assertThat(store.findById("mobile-app")).isNull();
                });
    }

    @Test
    void noConsumersIsAnEmptyStore() {
        this.runner.run(context -> assertThat(((InMemoryConsumerStore) context.getBean(ConsumerStore.class))
                .consumers()).isEmpty());
    }

    @Test
    void aUserConsumerStoreReplacesThePropertiesOne() {
        ConsumerStore own = InMemoryConsumerStore.empty();
        this.runner.withBean(ConsumerStore.class, () -> own)
                .withPropertyValues("portico.consumers.reports.api-keys[0].key=x")
                .run(context -> {
                    assertThat(context).hasSingleBean(ConsumerStore.class);
                    assertThat(context.getBean(ConsumerStore.class)).isSameAs(own);
                });
    }

    @Test
    void aMalformedHashStopsStartupNamingTheProperty() {
        assertFailure("portico.consumers.reports.api-keys[0].hash", "hash: a value of 9 characters, not shown",
                "portico.consumers.reports.api-keys[0].hash=plain-key");
    }

    @Test
    void hashAndKeyAreExclusive() {
        assertFailure("portico.consumers.reports.api-keys[0]", "both hash and key are set",
                "portico.consumers.reports.api-keys[0].hash=" + HASH, "portico.consumers.reports.api-keys[0].key=k");
    }

    @Test
    void aPlainPasswordOrAnUnknownEncoderStopsStartup() {
        assertFailure("portico.consumers.ops.basic-auth.password-hash", "a plain password is refused",
                "portico.consumers.ops.basic-auth.password-hash=hunter2");
        assertFailure("portico.consumers.ops.basic-auth.password-hash", "unknown encoder id {bcrpyt}",
                "portico.consumers.ops.basic-auth.password-hash={bcrpyt}x");
    }

    @Test
    void aKeyHeldByTwoConsumersStopsStartup() {
        assertFailure("portico.consumers", "is already a key of consumer 'a'",
                "portico.consumers.a.api-keys[0].key=same", "portico.consumers.b.api-keys[0].key=same");
    }

    @Test
    void unknownKeysUnderConsumersStopStartup() {
        this.runner.withPropertyValues("portico.consumers.reports.api-key[0].key=x").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof InvalidPropertyKeysException)) {
                t = t.getCause();
            }
            assertThat(t).as("InvalidPropertyKeysException in %s", context.getStartupFailure()).isNotNull();
            assertThat(t.getMessage()).contains("portico.consumers.reports.api-key");
        });
    }

    private void assertFailure(String property, String problem, String... properties) {
        this.runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof RouteDefinitionException)) {
                t = t.getCause();
            }
            assertThat(t).as("a RouteDefinitionException in %s", context.getStartupFailure()).isNotNull();
            RouteDefinitionException ex = (RouteDefinitionException) t;
            assertThat(ex.property()).isEqualTo(property);
            assertThat(ex.problem()).contains(problem);
        });
    }
}
