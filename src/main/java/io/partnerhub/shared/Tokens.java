package io.partnerhub.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Secret tokens: how they are made and the hash under which they are stored. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new random token with a readable prefix ({@code ph_} for partners, {@code op_} for operators). */
    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token, hex: the only form in which tokens are stored. */
    public static String hash(String token) {
        MessageDigest digest = Sha256.digest();
        digest.update(token.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
