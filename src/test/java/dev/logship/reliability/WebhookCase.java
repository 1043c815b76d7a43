package dev.logship.reliability;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated webhook request. {@code authentic} is the oracle: true only when the request
 * carries a correct proof of the secret for its provider (an HMAC of exactly this body, or the
 * token itself); a trigger from any other request is a security bug. {@code expectedStatus} is
 * set when one answer is right (0: any 2xx/4xx is acceptable). {@code raw} requests are sent as
 * bytes over a socket (bad framing, bytes no HTTP client would send).
 */
record WebhookCase(String kind, String method, String path, Map<String, String> headers, byte[] body, boolean authentic,
                   int expectedStatus, byte[] raw) {

    WebhookCase {
        headers = new LinkedHashMap<>(headers);
    }

    static WebhookCase post(String kind, String provider, Map<String, String> headers, byte[] body, boolean authentic, int expected) {
        return new WebhookCase(kind, "POST", "/api/v1/webhooks/" + provider, headers, body, authentic, expected, null);
    }

    static WebhookCase raw(String kind, byte[] bytes) {
        return new WebhookCase(kind, "RAW", "", Map.of(), new byte[0], false, 0, bytes);
    }

    WebhookCase withKind(String newKind) {
        return new WebhookCase(newKind, method, path, headers, body, authentic, expectedStatus, raw);
    }

    WebhookCase withMethod(String method, String path) {
        return new WebhookCase(kind, method, path, headers, body, authentic, 0, raw);
    }

    @Override
    public String toString() {
        return kind + " " + method + " " + path + " headers=" + headers.keySet() + " body=" + body.length + " bytes";
    }
}
