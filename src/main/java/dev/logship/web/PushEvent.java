package dev.logship.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The little a push payload is trusted for: which repository (every URL form it lists), which
 * refs moved (full names, {@code refs/heads/main}) and, when one ref moved, the commit it moved
 * to ({@code after}; null when not stated, not a commit id, or a deletion). Empty lists mean
 * "not stated". The commit only ever lets the controller skip a fetch that already found it.
 */
record PushEvent(List<String> repoUrls, List<String> refs, String after) {
    private static final java.util.regex.Pattern COMMIT_ID = java.util.regex.Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final java.util.regex.Pattern ZEROS = java.util.regex.Pattern.compile("0+");

    PushEvent {
        repoUrls = List.copyOf(repoUrls);
        refs = List.copyOf(refs);
        after = after == null || refs.size() > 1 || !COMMIT_ID.matcher(after).matches() || ZEROS.matcher(after).matches()
                ? null : after;
    }

    PushEvent(List<String> repoUrls, List<String> refs) {
        this(repoUrls, refs, null);
    }

    /** Reads the provider's payload shape; throws IllegalArgumentException naming a missing field. */
    static PushEvent from(WebhookProvider provider, JsonNode root) {
        return switch (provider) {
            case GITHUB, GITEA -> new PushEvent(
                    texts(root.path("repository"), "clone_url", "ssh_url", "html_url", "git_url"), texts(root, "ref"), text(root, "after"));
            case GITLAB -> new PushEvent(
                    texts(root.path("project"), "git_http_url", "git_ssh_url", "web_url"), texts(root, "ref"), text(root, "after"));
            case BITBUCKET -> bitbucket(root);
            case GENERIC -> generic(root);
        };
    }

    private static PushEvent bitbucket(JsonNode root) {
        List<String> urls = new ArrayList<>(texts(root.path("repository").path("links").path("html"), "href"));
        for (JsonNode clone : root.path("repository").path("links").path("clone")) {
            urls.addAll(texts(clone, "href"));           // Server: [{href, name: http|ssh}]
        }
        List<String> refs = new ArrayList<>();
        String after = null; // kept only when a single ref moved (the constructor drops it otherwise)
        for (JsonNode change : root.path("push").path("changes")) { // Cloud
            JsonNode side = change.path("new").isObject() ? change.path("new") : change.path("old");
            String name = side.path("name").asText("");
            if (!name.isEmpty()) {
                refs.add(("tag".equals(side.path("type").asText()) ? "refs/tags/" : "refs/heads/") + name);
                after = text(change.path("new").path("target"), "hash");
            }
        }
        for (JsonNode change : root.path("changes")) {            // Server
            refs.addAll(texts(change.path("ref"), "id"));
            after = text(change, "toHash");
        }
        return new PushEvent(urls, refs, after);
    }

    /** {"repository": "url" or {"url": ...}, "ref": "refs/heads/main", "after": "<commit>"}: all optional. */
    private static PushEvent generic(JsonNode root) {
        JsonNode repo = root.path("repository");
        List<String> urls = repo.isTextual() ? List.of(repo.asText()) : texts(repo, "url", "clone_url");
        return new PushEvent(urls, texts(root, "ref"), text(root, "after"));
    }

    private static String text(JsonNode node, String field) {
        List<String> values = texts(node, field);
        return values.isEmpty() ? null : values.get(0).toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> texts(JsonNode node, String... fields) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText());
            }
        }
        return values;
    }
}
