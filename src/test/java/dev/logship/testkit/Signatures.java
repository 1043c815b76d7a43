package dev.logship.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 that git hosts sign webhook bodies with, in hex: one copy for every test that
 * signs a push (the serve process, the harness, the webhook fuzzers) instead of one per package.
 */
public final class Signatures {
    private Signatures() {}

    /** Hex HMAC-SHA256 of {@code body} under {@code key}. */
    public static String hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As above for a UTF-8 text body. */
    public static String hmac(String key, String body) {
        return hmac(key, body.getBytes(StandardCharsets.UTF_8));
    }
}
