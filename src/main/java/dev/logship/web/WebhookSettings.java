package dev.logship.web;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How webhooks are checked: the shared secret (required unless {@code allowUnsigned}), the
 * configured repository, the ref being followed (a supplier, since the default branch is only
 * known after the first fetch; null or blank accepts a push to any ref) and the body size limit.
 */
public record WebhookSettings(String secret, boolean allowUnsigned, String repo, Supplier<String> trackedRef,
                              long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    public WebhookSettings {
        secret = secret == null || secret.isEmpty() ? null : secret;
        if (secret == null && !allowUnsigned) {
            throw new IllegalArgumentException("webhooks need a secret (--webhook-secret or --webhook-secret-file)"
                    + " unless --webhook-allow-unsigned is given");
        }
        Objects.requireNonNull(repo, "repo");
        trackedRef = trackedRef == null ? () -> null : trackedRef;
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("webhook body limit must be positive, got " + maxBodyBytes);
        }
    }

    public static WebhookSettings signed(String secret, String repo, Supplier<String> trackedRef) {
        return new WebhookSettings(secret, false, repo, trackedRef, DEFAULT_MAX_BODY_BYTES);
    }

    public WebhookSettings withMaxBodyBytes(long limit) {
        return new WebhookSettings(secret, allowUnsigned, repo, trackedRef, limit);
    }

    @Override
    public String toString() {
        return "WebhookSettings[secret=" + (secret == null ? "none" : "****") + ", allowUnsigned=" + allowUnsigned
                + ", repo=" + RepoUrls.redact(repo) + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
