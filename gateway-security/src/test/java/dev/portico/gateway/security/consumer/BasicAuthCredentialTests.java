package dev.portico.gateway.security.consumer;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BasicAuthCredentialTests {

    @Test
    void acceptsABcryptHashAndTheDelegatingEncoderChecksIt() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("pa55");
        BasicAuthCredential credential = BasicAuthCredential.of("ops", hash);
        assertThat(credential.encoderId()).isEqualTo("bcrypt");
        assertThat(BasicAuthCredential.defaultEncoder().matches("pa55", credential.passwordHash())).isTrue();
        assertThat(credential.toString()).doesNotContain(hash.substring(8));
    }

    @Test
    void refusesPlainPasswords() {
        assertThatIllegalArgumentException().isThrownBy(() -> BasicAuthCredential.of("ops", "hunter2"))
                .withMessageContaining("a plain password is refused").withMessageNotContaining("hunter2");
        assertThatIllegalArgumentException().isThrownBy(() -> BasicAuthCredential.of("ops", "{noop}hunter2"))
                .withMessageContaining("{noop}… is a plain password and refused").withMessageNotContaining("hunter2");
        assertThatIllegalArgumentException().isThrownBy(() -> BasicAuthCredential.of("ops", "{MD5}abc"))
                .withMessageContaining("a weak legacy digest");
    }

    @Test
    void refusesUnknownEncoderIdsAndMalformedBcrypt() {
        assertThatIllegalArgumentException().isThrownBy(() -> BasicAuthCredential.of("ops", "{bcrpyt}$2a$10$x"))
                .withMessageStartingWith("password-hash: unknown encoder id {bcrpyt} (expected one of [{argon2}");
        assertThatIllegalArgumentException().isThrownBy(() -> BasicAuthCredential.of("ops", "{bcrypt}$2a$10$short"))
                .withMessageContaining("is not a bcrypt hash");
    }

    @Test
    void refusesArgon2WithoutBouncyCastle() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BasicAuthCredential.of("ops", "{argon2}$argon2id$v=19$m=16384,t=2,p=1$c2FsdA$aGFzaA"))
                .withMessageContaining("needs BouncyCastle");
    }

    @Test
    void refusesUsernamesWithAColon() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BasicAuthCredential.of("a:b", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x")))
                .withMessageStartingWith("username: 'a:b'");
    }
}
