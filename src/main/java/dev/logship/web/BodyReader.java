package dev.logship.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a webhook body in 64 KiB steps up to the limit, feeding each step to the HMAC as it
 * arrives (no second pass, never more than the limit in memory). A declared Content-Length over
 * the limit is refused before anything is kept.
 */
final class BodyReader {
    private static final int STEP = 64 * 1024;

    /** The body (null when over the limit) and, when a secret was given, its hex HMAC-SHA256. */
    record Body(byte[] bytes, String hmacHex) {
        boolean tooLarge() {
            return bytes == null;
        }
    }

    private BodyReader() {}

    static Body read(InputStream in, long declaredLength, long limit, String hmacSecret) throws IOException {
        if (declaredLength > limit) {
            return new Body(null, null);
        }
        Mac mac = hmacSecret == null ? null : mac(hmacSecret);
        int capacity = (int) Math.min(limit + 1, declaredLength >= 0 ? declaredLength + 1 : STEP);
        byte[] buffer = new byte[Math.max(1, capacity)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > limit) {
                    return new Body(null, null);
                }
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(limit + 1, (long) buffer.length * 2));
            }
            int read = in.read(buffer, length, Math.min(STEP, buffer.length - length));
            if (read < 0) {
                break;
            }
            if (mac != null) {
                mac.update(buffer, length, read);
            }
            length += read;
            if (length > limit) {
                return new Body(null, null);
            }
        }
        byte[] bytes = length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
        return new Body(bytes, mac == null ? null : HexFormat.of().formatHex(mac.doFinal()));
    }

    /** Reads and drops up to {@code atMost} more bytes. */
    static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[STEP];
        long left = atMost;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
