package dev.portico.gateway.security.consumer;

import java.util.Objects;
import java.util.Set;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A consumer's basic-auth credential: a user name and a password encoded for Spring Security's
 * {@link PasswordEncoderFactories#createDelegatingPasswordEncoder() delegating encoder}, {@code {id}encoded}:
 *
 * <pre>{@code
 * BasicAuthCredential.of("reports", "{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG");
 * }</pre>
 *
 * <p>Plain passwords are refused, not flagged: {@code {noop}}, a value without an {@code {id}} prefix and the
 * legacy digests ({@code {MD5}}, {@code {SHA-1}}, {@code {SHA-256}}, {@code {sha256}}, {@code {MD4}},
 * {@code {ldap}}) fail with a message saying how to encode one. Accepted: {@code bcrypt}, {@code pbkdf2},
 * {@code scrypt} and {@code argon2} (the last two need BouncyCastle, {@code org.bouncycastle:bcprov-jdk18on}, on the
 * class path, checked here rather than on the first request).
 *
 * @param username the user name, without {@code :} (RFC 7617)
 * @param passwordHash the encoded password, {@code {id}…}
 */
public record BasicAuthCredential(String username, String passwordHash) {

    /** The encoder ids accepted in {@code password-hash}. */
    public static final Set<String> ACCEPTED_IDS = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "scrypt",
            "scrypt@SpringSecurity_v5_8", "argon2", "argon2@SpringSecurity_v5_8");

    private static final Set<String> WEAK_IDS = Set.of("noop", "MD4", "MD5", "SHA-1", "SHA-256", "sha256", "ldap");

    private static final String HOW = "an encoded password such as {bcrypt}$2a$10$…; encode one with"
            + " PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password)"
            + " or htpasswd -nbBC 10 user password (prefix the hash with {bcrypt})";

    public BasicAuthCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (username.isEmpty() || username.indexOf(':') >= 0 || hasControl(username)) {
            throw new IllegalArgumentException("username: '" + username
                    + "' (expected: a non-empty user name without ':' or control characters)");
        }
        checkPasswordHash(passwordHash);
    }

    public static BasicAuthCredential of(String username, String passwordHash) {
        return new BasicAuthCredential(username, passwordHash);
    }

    /** The encoder id of the hash: {@code bcrypt} for {@code {bcrypt}$2a$…}. */
    public String encoderId() {
        return this.passwordHash.substring(1, this.passwordHash.indexOf('}'));
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
        return "BasicAuthCredential[username=" + this.username + ", {" + encoderId() + "}…]";
    }

    private static void checkPasswordHash(String hash) {
        int close = hash.indexOf('}');
        if (!hash.startsWith("{") || close < 0) {
            throw new IllegalArgumentException("password-hash: a value without an {id} prefix, not shown: a plain"
                    + " password is refused (expected: " + HOW + ")");
        }
        String id = hash.substring(1, close);
        String encoded = hash.substring(close + 1);
        if (WEAK_IDS.contains(id)) {
            throw new IllegalArgumentException("password-hash: {" + id + "}… is "
                    + (id.equals("noop") ? "a plain password" : "a weak legacy digest") + " and refused (expected: "
                    + HOW + ")");
        }
        if (!ACCEPTED_IDS.contains(id)) {
            throw new IllegalArgumentException("password-hash: unknown encoder id {" + id + "} (expected one of "
                    + ACCEPTED_IDS.stream().sorted().map(i -> "{" + i + "}").toList() + ")");
        }
        if (id.equals("bcrypt") && !encoded.matches("\\$2[aby]?\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalArgumentException("password-hash: {bcrypt}… is not a bcrypt hash"
                    + " (expected: {bcrypt}$2a$<cost>$ followed by 53 characters of ./A-Za-z0-9)");
        }
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException("password-hash: {" + id + "} with nothing after it (expected: " + HOW + ")");
        }
        if ((id.startsWith("argon2") || id.startsWith("scrypt")) && !bouncyCastlePresent()) {
            throw new IllegalArgumentException("password-hash: {" + id + "} needs BouncyCastle on the class path"
                    + " (expected: add org.bouncycastle:bcprov-jdk18on, or use {bcrypt})");
        }
    }

    private static boolean bouncyCastlePresent() {
        try {
            Class.forName("org.bouncycastle.crypto.params.Argon2Parameters", false,
                    BasicAuthCredential.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The encoder basic-auth checks passwords with: Spring Security's delegating encoder. */
    public static PasswordEncoder defaultEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
