package dev.logship.web;

import java.util.function.Function;

/** Checks each provider's proof that the sender knows the secret; returns what is wrong, or null. */
final class WebhookAuthenticator {
    private static final String SHA256 = "sha256=";

    private WebhookAuthenticator() {}

    static String problem(WebhookProvider provider, String secret, Function<String, String> header, byte[] body) {
        return switch (provider) {
            case GITHUB -> prefixedHmac("X-Hub-Signature-256", secret, header, body);
            case BITBUCKET -> prefixedHmac("X-Hub-Signature", secret, header, body);
            case GITEA -> {
                String signature = header.apply("X-Gitea-Signature");
                yield signature == null ? missing("X-Gitea-Signature")
                        : Signatures.hmacMatches(secret, body, signature) ? null : mismatch("X-Gitea-Signature");
            }
            case GITLAB -> {
                String token = header.apply("X-Gitlab-Token");
                yield token == null ? missing("X-Gitlab-Token")
                        : Signatures.constantTimeEquals(secret, token) ? null : "X-Gitlab-Token does not match the secret";
            }
            case GENERIC -> generic(secret, header, body);
        };
    }

    private static String generic(String secret, Function<String, String> header, byte[] body) {
        if (header.apply("X-Signature") != null) {
            return prefixedHmac("X-Signature", secret, header, body);
        }
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return "missing X-Signature or Authorization: Bearer header";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Authorization must be 'Bearer <secret>'";
        }
        return Signatures.constantTimeEquals(secret, authorization.substring(7).strip()) ? null : "bearer token does not match the secret";
    }

    private static String prefixedHmac(String name, String secret, Function<String, String> header, byte[] body) {
        String value = header.apply(name);
        if (value == null) {
            return missing(name);
        }
        if (!value.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
            return name + " must be sha256=<hex HMAC-SHA256 of the body>";
        }
        return Signatures.hmacMatches(secret, body, value.substring(SHA256.length())) ? null : mismatch(name);
    }

    private static String missing(String name) {
        return "missing " + name + " header";
    }

    private static String mismatch(String name) {
        return name + " does not match the body (wrong secret or altered body)";
    }
}
