package dev.logship.web;

import java.util.Locale;

/** The Git hosts whose push webhooks logship accepts; each has its own route and headers. */
public enum WebhookProvider {
    GITHUB("X-GitHub-Event"),
    GITLAB("X-Gitlab-Event"),
    GITEA("X-Gitea-Event"),
    /** Bitbucket Cloud ({@code repo:push}) and Bitbucket Server/Data Center ({@code repo:refs_changed}). */
    BITBUCKET("X-Event-Key"),
    /** Any sender (a CI job, a post-receive hook): HMAC {@code X-Signature} or a bearer token. */
    GENERIC(null);

    private final String eventHeader;

    WebhookProvider(String eventHeader) {
        this.eventHeader = eventHeader;
    }

    /** The header naming the event, or null when the provider has none. */
    public String eventHeader() {
        return eventHeader;
    }

    /** The last segment of the route, e.g. {@code github} for {@code /api/v1/webhooks/github}. */
    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }
}
