package dev.logship.web;

import java.util.function.Function;

/**
 * Checks each provider's proof that the sender knows the secret. {@link #headers} decides all it
 * can before the body is read (so a wrong token costs no body read); {@link #problem} is the
 * whole check on a body already in hand.
 */
final class WebhookAuthenticator {
    private static final String SHA256 = "sha256=";

    private WebhookAuthenticator() {}

    static String problem(WebhookProvider provider, String secret, Function<String, String> header, byte[] body) {
        HeaderCheck check = headers(provider, secret, header);
        if (check.problem() != null || check.signatureHeader() == null) {
            return check.problem();
        }
        return check.matches(Signatures.hmacSha256Hex(secret, body)) ? null : check.mismatch();
    }

    /**
     * What the headers alone say, before a byte of the body is read: a problem (reject unread),
     * authenticated (a header token: GitLab, generic Bearer), or the HMAC signature the body
     * must match (GitHub, Bitbucket, Gitea, generic X-Signature).
     */
    record HeaderCheck(String problem, String signatureHeader, String signature) {
        static HeaderCheck rejected(String problem) {
            return new HeaderCheck(problem, null, null);
        }

        static HeaderCheck authenticated() {
            return new HeaderCheck(null, null, null);
        }

        static HeaderCheck hmac(String header, String signature) {
            return new HeaderCheck(null, header, signature.strip().toLowerCase(java.util.Locale.ROOT));
        }

        boolean matches(String bodyHmacHex) {
            return Signatures.constantTimeEquals(bodyHmacHex, signature);
        }

        String mismatch() {
            return WebhookAuthenticator.mismatch(signatureHeader);
        }
    }

    static HeaderCheck headers(WebhookProvider provider, String secret, Function<String, String> header) {
        return switch (provider) {
            case GITHUB -> prefixed("X-Hub-Signature-256", header);
            case BITBUCKET -> prefixed("X-Hub-Signature", header);
            case GITEA -> {
                String signature = header.apply("X-Gitea-Signature");
                yield signature == null ? HeaderCheck.rejected(missing("X-Gitea-Signature")) : HeaderCheck.hmac("X-Gitea-Signature", signature);
            }
            case GITLAB -> {
                String token = header.apply("X-Gitlab-Token");
                yield token == null ? HeaderCheck.rejected(missing("X-Gitlab-Token"))
                        : Signatures.constantTimeEquals(secret, token) ? HeaderCheck.authenticated()
                        : HeaderCheck.rejected("X-Gitlab-Token does not match the secret");
            }
            case GENERIC -> genericHeaders(secret, header);
        };
    }

    private static HeaderCheck genericHeaders(String secret, Function<String, String> header) {
        if (header.apply("X-Signature") != null) {
            return prefixed("X-Signature", header);
        }
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return HeaderCheck.rejected("missing X-Signature or Authorization: Bearer header");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return HeaderCheck.rejected("Authorization must be 'Bearer <secret>'");
        }
        return Signatures.constantTimeEquals(secret, authorization.substring(7).strip()) ? HeaderCheck.authenticated()
                : HeaderCheck.rejected("bearer token does not match the secret");
    }

    private static HeaderCheck prefixed(String name, Function<String, String> header) {
        String value = header.apply(name);
        if (value == null) {
            return HeaderCheck.rejected(missing(name));
        }
        if (!value.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
            return HeaderCheck.rejected(name + " must be sha256=<hex HMAC-SHA256 of the body>");
        }
        return HeaderCheck.hmac(name, value.substring(SHA256.length()));
    }

    private static String missing(String name) {
        return "missing " + name + " header";
    }

    private static String mismatch(String name) {
        return name + " does not match the body (wrong secret or altered body)";
    }
}
