package dev.logship.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The little a push payload is trusted for: which repository (every URL form it lists) and
 * which refs moved (full names, {@code refs/heads/main}). Empty lists mean "not stated".
 */
record PushEvent(List<String> repoUrls, List<String> refs) {
    PushEvent {
        repoUrls = List.copyOf(repoUrls);
        refs = List.copyOf(refs);
    }

    /** Reads the provider's payload shape; throws IllegalArgumentException naming a missing field. */
    static PushEvent from(WebhookProvider provider, JsonNode root) {
        return switch (provider) {
            case GITHUB, GITEA -> new PushEvent(
                    texts(root.path("repository"), "clone_url", "ssh_url", "html_url", "git_url"), texts(root, "ref"));
            case GITLAB -> new PushEvent(
                    texts(root.path("project"), "git_http_url", "git_ssh_url", "web_url"), texts(root, "ref"));
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
        for (JsonNode change : root.path("push").path("changes")) { // Cloud
            JsonNode side = change.path("new").isObject() ? change.path("new") : change.path("old");
            String name = side.path("name").asText("");
            if (!name.isEmpty()) {
                refs.add(("tag".equals(side.path("type").asText()) ? "refs/tags/" : "refs/heads/") + name);
            }
        }
        for (JsonNode change : root.path("changes")) {            // Server
            refs.addAll(texts(change.path("ref"), "id"));
        }
        return new PushEvent(urls, refs);
    }

    /** {"repository": "url" or {"url": ...}, "ref": "refs/heads/main"}: both optional. */
    private static PushEvent generic(JsonNode root) {
        JsonNode repo = root.path("repository");
        List<String> urls = repo.isTextual() ? List.of(repo.asText()) : texts(repo, "url", "clone_url");
        return new PushEvent(urls, texts(root, "ref"));
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
