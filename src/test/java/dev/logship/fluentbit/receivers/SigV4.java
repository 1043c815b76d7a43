package dev.logship.fluentbit.receivers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our own strict check of AWS Signature Version 4, as an AWS service front end does it: the
 * Authorization header's shape, the credential scope (date, region, service), the signed headers,
 * the clock skew, the task role's session token, and the signature itself recomputed from the
 * request with the secret key the test's credentials endpoint handed out. A forged, stale or
 * malformed signature is refused with the error AWS answers.
 */
final class SigV4 {
    static final String ACCESS_KEY = "ASIALOGSHIPTEST00001";
    static final String SECRET_KEY = "logshipTestSecretKey/NotReal/000000000000";
    static final String SESSION_TOKEN = "logship-test-session-token-from-the-task-role";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?"
                    + "SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigV4() {}

    /** Verifies the request's signature for {@code service}; returns the region it was signed for. */
    static String verify(Request request, String service) throws Refusal {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            throw Refusal.of(403, "MissingAuthenticationTokenException: no Authorization header");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            throw Refusal.of(403, "IncompleteSignatureException: malformed Authorization header: " + authorization);
        }
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw Refusal.of(403, "IncompleteSignatureException: no X-Amz-Date");
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            throw Refusal.of(403, "InvalidSignatureException: signature expired, X-Amz-Date " + amzDate);
        }
        if (!m.group(1).equals(ACCESS_KEY)) {
            throw Refusal.of(403, "UnrecognizedClientException: access key " + m.group(1));
        }
        if (!m.group(2).equals(amzDate.substring(0, 8)) || !m.group(4).equals(service)) {
            throw Refusal.of(403, "InvalidSignatureException: credential scope " + m.group(2) + "/" + m.group(4)
                    + " does not match " + amzDate.substring(0, 8) + "/" + service);
        }
        if (!SESSION_TOKEN.equals(request.header("X-Amz-Security-Token"))) {
            throw Refusal.of(403, "UnrecognizedClientException: the task role's session token is missing or wrong");
        }
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date") || !signed.equals(signed.stream().sorted().toList())) {
            throw Refusal.of(403, "InvalidSignatureException: SignedHeaders must be sorted and include host and x-amz-date: "
                    + m.group(5));
        }
        String payloadHash = sha256Hex(request.rawBody());
        if (service.equals("s3") && !payloadHash.equals(request.header("X-Amz-Content-Sha256"))) {
            throw Refusal.of(400, "XAmzContentSHA256Mismatch: x-amz-content-sha256 " + request.header("X-Amz-Content-Sha256")
                    + " is not the body's " + payloadHash);
        }
        String scope = m.group(2) + "/" + m.group(3) + "/" + service + "/aws4_request";
        String canonical = String.join("\n", request.method(), canonicalUri(request.rawPath(), service),
                canonicalQuery(request.rawQuery()), canonicalHeaders(request, signed), m.group(5), payloadHash);
        String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), m.group(2));
        key = hmac(hmac(hmac(key, m.group(3)), service), "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, toSign));
        if (!expected.equals(m.group(6))) {
            throw Refusal.of(403, "SignatureDoesNotMatch: canonical request was\n" + canonical);
        }
        return m.group(3);
    }

    /** S3 signs the path as sent; the other services encode each segment once more. */
    private static String canonicalUri(String rawPath, String service) {
        if (service.equals("s3")) {
            return rawPath;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(segment.replace("%", "%25"));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&")).map(p -> p.contains("=") ? p : p + "=").sorted()
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    private static String canonicalHeaders(Request request, List<String> signed) throws Refusal {
        StringBuilder out = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers().get(name);
            if (values == null) {
                throw Refusal.of(403, "InvalidSignatureException: signed header " + name + " is not in the request");
            }
            out.append(name).append(':').append(String.join(",", values).trim().replaceAll(" +", " ")).append('\n');
        }
        return out.toString();
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
