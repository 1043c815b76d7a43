package dev.logship.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional bearer token guarding POST endpoints. Compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither content nor length leaks through timing.
 */
final class ApiToken {
    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = token == null ? null : sha256(token);
    }

    static ApiToken of(String token) {
        return new ApiToken(token == null || token.isBlank() ? null : token.strip());
    }

    boolean required() {
        return digest != null;
    }

    /** True when no token is configured, or the Authorization header carries it as a bearer token. */
    boolean admits(String authorization) {
        if (digest == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "ApiToken[none]" : "ApiToken[****]";
    }
}
