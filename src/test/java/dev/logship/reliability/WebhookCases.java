package dev.logship.reliability;

import static dev.logship.testkit.Signatures.hmac;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile webhook requests from a seed: valid pushes, wrong secrets, signatures
 * replayed on altered bodies, random bytes and headers, hostile JSON, huge bodies, wrong content
 * types, wrong methods and paths, and raw malformed HTTP. Signatures are computed here,
 * independently of the code under test.
 */
final class WebhookCases {
    static final String REPO = "https://github.com/acme/manifests.git";
    static final List<String> PROVIDERS = List.of("github", "gitlab", "gitea", "bitbucket", "generic");
    /** Jetty's parser answers 505 to a request line without a version, before any handler runs. */
    static final String NO_HTTP_VERSION = "request line without HTTP version";
    private static final List<String> RAW_KINDS = List.of("content-length shorter than body", "bad chunk size",
            "negative content-length", "non-ASCII header bytes", "20 kB header", "body cut short", "unknown method",
            NO_HTTP_VERSION, "two content-lengths");
    private final Random random;
    private final String secret;
    private final int limit;

    WebhookCases(long seed, String secret, int limit) {
        this.random = new Random(seed);
        this.secret = secret;
        this.limit = limit;
    }

    WebhookCase next() {
        String provider = PROVIDERS.get(random.nextInt(PROVIDERS.size()));
        return switch (random.nextInt(12)) {
            case 0 -> valid(provider);
            case 1 -> signed("wrong-secret", provider, payload(provider, "refs/heads/main"), "wrong secret", false, 401);
            case 2 -> replayedOnAlteredBody(provider);
            case 3 -> wrongContentType(provider);
            case 4 -> signed(secret, provider, randomBytes(random.nextInt(2048)), "signed random bytes", true, 0);
            case 5 -> randomHeadersAndBody(provider);
            case 6 -> huge(provider);
            case 7 -> signed(secret, provider, hostileJson(), "signed hostile JSON", true, 0);
            case 8 -> eventHeaderGames(provider);
            case 9 -> valid(provider).withKind("wrong method").withMethod(List.of("GET", "PUT", "DELETE", "PATCH").get(random.nextInt(4)),
                    "/api/v1/webhooks/" + provider);
            case 10 -> valid("github").withKind("wrong path").withMethod("POST", "/api/v1/webhooks/" + List.of("GitHub", "unknown", "github/x",
                    "../github", "", "gitlab%00").get(random.nextInt(6)));
            default -> rawHttp(provider);
        };
    }

    /** A push to the configured repository and branch, as each host shapes it. */
    static byte[] payload(String provider, String ref) {
        String json = switch (provider) {
            case "github" -> """
                    {"ref":"%s","after":"0123456789abcdef0123456789abcdef01234567","repository":{"full_name":"acme/manifests",
                     "clone_url":"%s","ssh_url":"git@github.com:acme/manifests.git"}}""".formatted(ref, REPO);
            case "gitlab" -> """
                    {"object_kind":"push","ref":"%s","project":{"git_http_url":"%s"}}""".formatted(ref, REPO);
            case "gitea" -> """
                    {"ref":"%s","repository":{"clone_url":"%s"}}""".formatted(ref, REPO);
            case "bitbucket" -> """
                    {"repository":{"full_name":"acme/manifests","links":{"clone":[{"href":"%s","name":"https"}]}},
                     "push":{"changes":[{"new":{"type":"branch","name":"%s"}}]}}""".formatted(REPO, ref.replace("refs/heads/", ""));
            default -> """
                    {"repository":"%s","ref":"%s"}""".formatted(REPO, ref);
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String provider) {
        return switch (provider) {
            case "github", "gitea" -> "push";
            case "gitlab" -> "Push Hook";
            case "bitbucket" -> "repo:push";
            default -> null;
        };
    }

    private static String eventHeader(String provider) {
        return switch (provider) {
            case "github" -> "X-GitHub-Event";
            case "gitlab" -> "X-Gitlab-Event";
            case "gitea" -> "X-Gitea-Event";
            case "bitbucket" -> "X-Event-Key";
            default -> null;
        };
    }

    /** Headers proving knowledge of {@code key} for this body, the way the provider does it. */
    private Map<String, String> auth(String key, String provider, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        switch (provider) {
            case "github" -> h.put("X-Hub-Signature-256", "sha256=" + hmac(key, body));
            case "bitbucket" -> h.put("X-Hub-Signature", "sha256=" + hmac(key, body));
            case "gitea" -> h.put("X-Gitea-Signature", hmac(key, body));
            case "gitlab" -> h.put("X-Gitlab-Token", key);
            default -> {
                if (random.nextBoolean()) {
                    h.put("X-Signature", "sha256=" + hmac(key, body));
                } else {
                    h.put("Authorization", "Bearer " + key);
                }
            }
        }
        return h;
    }

    private WebhookCase signed(String key, String provider, byte[] body, String kind, boolean authentic, int expected) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        if (eventHeader(provider) != null) {
            h.put(eventHeader(provider), event(provider));
        }
        h.putAll(auth(key, provider, body));
        return WebhookCase.post(kind, provider, h, body, authentic, expected);
    }

    private WebhookCase valid(String provider) {
        return signed(secret, provider, payload(provider, "refs/heads/main"), "valid push", true, 202);
    }

    /** The signature of a real push, sent with a body changed after signing. */
    private WebhookCase replayedOnAlteredBody(String provider) {
        byte[] original = payload(provider, "refs/heads/main");
        WebhookCase signedOriginal = signed(secret, provider, original, "", true, 0);
        byte[] altered = switch (random.nextInt(4)) {
            case 0 -> payload(provider, "refs/heads/evil");
            case 1 -> new String(original, StandardCharsets.UTF_8).replace("acme/manifests", "evil/manifests").getBytes(StandardCharsets.UTF_8);
            case 2 -> (new String(original, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] flipped = original.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
                yield flipped;
            }
        };
        // Token schemes (GitLab, bearer) do not sign the body: the token alone is the proof.
        boolean tokenOnly = signedOriginal.headers().containsKey("X-Gitlab-Token") || signedOriginal.headers().containsKey("Authorization");
        return WebhookCase.post("replayed signature on altered body", provider, signedOriginal.headers(), altered, tokenOnly,
                tokenOnly ? 0 : 401);
    }

    private WebhookCase wrongContentType(String provider) {
        WebhookCase c = valid(provider);
        String type = List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "application/json; charset=utf-16", "", "\u0000garbage").get(random.nextInt(7));
        Map<String, String> h = new LinkedHashMap<>(c.headers());
        if (type.isEmpty() || type.startsWith("\u0000")) {
            h.remove("Content-Type");
        } else {
            h.put("Content-Type", type);
        }
        return WebhookCase.post("wrong content type " + type.replace("\u0000", ""), provider, h, c.body(), true, 0);
    }

    private WebhookCase randomHeadersAndBody(String provider) {
        Map<String, String> h = new LinkedHashMap<>();
        int n = random.nextInt(12);
        List<String> names = List.of("X-Hub-Signature-256", "X-Hub-Signature", "X-Gitea-Signature", "X-Gitlab-Token", "X-Signature",
                "Authorization", "X-GitHub-Event", "X-Gitlab-Event", "X-Gitea-Event", "X-Event-Key", "Content-Type", "X-Random");
        for (int i = 0; i < n; i++) {
            String name = names.get(random.nextInt(names.size()));
            h.put(name, randomHeaderValue());
        }
        byte[] body = random.nextBoolean() ? randomBytes(random.nextInt(4096)) : payload(provider, "refs/heads/main");
        // 401, or 431 when the random headers are over Jetty's header size limit
        return WebhookCase.post("random headers and body", provider, h, body, false, 0);
    }

    private String randomHeaderValue() {
        return switch (random.nextInt(6)) {
            case 0 -> "sha256=" + HexFormat.of().formatHex(randomBytes(32));
            case 1 -> "sha256=" + "zz".repeat(32);
            case 2 -> "Bearer " + randomPrintable(random.nextInt(64));
            case 3 -> randomPrintable(random.nextInt(4000));
            case 4 -> "sha1=" + HexFormat.of().formatHex(randomBytes(20));
            default -> "";
        };
    }

    private WebhookCase huge(String provider) {
        int size = random.nextInt(10) == 0 ? 20 * limit : limit + 1 + random.nextInt(2 * limit);
        byte[] body = new byte[size];
        byte[] start = payload(provider, "refs/heads/main");
        System.arraycopy(start, 0, body, 0, start.length);
        java.util.Arrays.fill(body, start.length, size, (byte) ' ');
        WebhookCase c = signed(secret, provider, body, "huge body " + size, true, 413);
        return c;
    }

    private byte[] hostileJson() {
        return switch (random.nextInt(8)) {
            case 0 -> ("[".repeat(1 + random.nextInt(200_000))).getBytes(StandardCharsets.UTF_8);
            case 1 -> ("{\"a\":".repeat(1 + random.nextInt(50_000)) + "1" + "}".repeat(10)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"ref\":" + List.of("1", "[]", "{}", "null", "true", "\"\"", "\"" + "x".repeat(30_000) + "\"")
                    .get(random.nextInt(7)) + ",\"repository\":" + List.of("1", "[]", "null", "\"\"", "{\"clone_url\":[1,2]}",
                    "\"" + REPO + "\"").get(random.nextInt(6)) + "}").getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"ref\":\"refs/heads/main\u0000\\u0000\\ud800\",\"repository\":\"" + REPO + "\"}").getBytes(StandardCharsets.UTF_8);
            case 4 -> "{\"ref\":\"refs/heads/main\",\"ref\":\"refs/heads/evil\",\"repository\":{\"clone_url\":\"https://github.com/acme/manifests\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 6 -> ("{\"n\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', (byte) 0xC3, (byte) 0x28};
        };
    }

    private WebhookCase eventHeaderGames(String provider) {
        WebhookCase c = valid(provider);
        Map<String, String> h = new LinkedHashMap<>(c.headers());
        String name = eventHeader(provider) == null ? "X-GitHub-Event" : eventHeader(provider);
        switch (random.nextInt(4)) {
            case 0 -> h.remove(name);
            case 1 -> h.put(name, "");
            case 2 -> h.put(name, List.of("ping", "diagnostics:ping", "issues", "PUSH", "push ", "Tag Push Hook").get(random.nextInt(6)));
            default -> h.put(name, randomPrintable(300));
        }
        return WebhookCase.post("event header games", provider, h, c.body(), true, 0);
    }

    /** Bytes no HTTP client library would send. */
    private WebhookCase rawHttp(String provider) {
        String path = "/api/v1/webhooks/" + provider;
        byte[] body = payload(provider, "refs/heads/main");
        String sig = "sha256=" + hmac(secret, body);
        int variant = random.nextInt(RAW_KINDS.size());
        String raw = switch (variant) {
            case 0 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + (body.length / 2) + "\r\nX-Hub-Signature-256: " + sig
                    + "\r\nX-GitHub-Event: push\r\n\r\n" + new String(body, StandardCharsets.UTF_8);
            case 1 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-GitHub-Event: push\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n";
            case 2 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
            case 3 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: \u00ff\u00fe\u0001\r\nContent-Length: 2\r\n\r\n{}";
            case 4 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}";
            case 5 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"ref\":";
            case 6 -> "GARBAGE " + randomPrintable(50) + " HTTP/1.1\r\n\r\n";
            case 7 -> "GARBAGE " + randomPrintable(50) + "\r\n\r\n";
            default -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\n{}";
        };
        return WebhookCase.raw("raw HTTP: " + RAW_KINDS.get(variant), raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomPrintable(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return s.toString();
    }
}
