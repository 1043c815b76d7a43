package dev.logship.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures and shared tokens, compared in constant time. */
final class Signatures {
    private Signatures() {}

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when {@code provided} is the hex HMAC of the body (case-insensitive hex). */
    static boolean hmacMatches(String secret, byte[] body, String provided) {
        return provided != null && constantTimeEquals(hmacSha256Hex(secret, body), provided.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Compares digests of both values, so neither the content nor the length of the secret
     * shows in the timing (MessageDigest.isEqual alone still returns early on a length mismatch).
     */
    static boolean constantTimeEquals(String expected, String provided) {
        if (provided == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(provided));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
