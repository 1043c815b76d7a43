package dev.logship.web;

import static dev.logship.testkit.Signatures.hmac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.web.WebhookOutcome.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The commit a push names, read from each host's authenticated payload; the controller uses it
 * only to skip a fetch that already found it. Anything that is not one plain commit id for one
 * moved ref (a deletion's zeros, two refs, junk) names nothing, and such a push fetches as before.
 */
class PushedCommitTest {
    private static final String SECRET = "whsec-pushed-commit";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String REPO = "https://git.example.com/acme/manifests.git";
    private static final WebhookVerifier VERIFIER = new WebhookVerifier(WebhookSettings.signed(SECRET, REPO, () -> "main"));

    private static WebhookOutcome signed(WebhookProvider provider, String event, String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String signature = hmac(SECRET, body);
        switch (provider) {
            case GITHUB -> headers.put("X-Hub-Signature-256", "sha256=" + signature);
            case GITEA -> headers.put("X-Gitea-Signature", signature);
            case BITBUCKET -> headers.put("X-Hub-Signature", "sha256=" + signature);
            case GITLAB -> headers.put("X-Gitlab-Token", SECRET);
            case GENERIC -> headers.put("X-Signature", "sha256=" + signature);
        }
        if (provider.eventHeader() != null) {
            headers.put(provider.eventHeader(), event);
        }
        WebhookOutcome outcome = VERIFIER.handle(provider, headers::get, body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.kind()).as(provider + " " + body).isEqualTo(Kind.TRIGGERED);
        return outcome;
    }

    private static String github(String after) {
        return """
                {"ref":"refs/heads/main","before":"%s","after":"%s","repository":{"clone_url":"%s"}}"""
                .formatted("f".repeat(40), after, REPO);
    }

    @Test
    void eachHostsPushNamesItsCommit() {
        assertThat(signed(WebhookProvider.GITHUB, "push", github(COMMIT)).commit()).isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.GITEA, "push", github(COMMIT)).commit()).isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.GITLAB, "Push Hook", """
                {"object_kind":"push","ref":"refs/heads/main","after":"%s","checkout_sha":"%s","project":{"git_http_url":"%s"}}"""
                .formatted(COMMIT, COMMIT, REPO)).commit()).isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.BITBUCKET, "repo:push", """
                {"repository":{"links":{"html":{"href":"%s"}}},"push":{"changes":[
                 {"new":{"type":"branch","name":"main","target":{"hash":"%s"}},"old":{"type":"branch","name":"main"}}]}}"""
                .formatted(REPO, COMMIT)).commit()).isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.BITBUCKET, "repo:refs_changed", """
                {"repository":{"links":{"clone":[{"href":"%s","name":"http"}]}},
                 "changes":[{"ref":{"id":"refs/heads/main"},"fromHash":"%s","toHash":"%s","type":"UPDATE"}]}"""
                .formatted(REPO, "e".repeat(40), COMMIT)).commit()).isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.GENERIC, null, """
                {"repository":"%s","ref":"refs/heads/main","after":"%s"}""".formatted(REPO, COMMIT)).commit()).isEqualTo(COMMIT);
    }

    @Test
    void aPushThatNamesNoSingleCommitNamesNothing() {
        assertThat(signed(WebhookProvider.GENERIC, null, "{\"repository\":\"" + REPO + "\"}").commit()).as("generic, none").isNull();
        assertThat(signed(WebhookProvider.GITHUB, "push", github("0".repeat(40))).commit()).as("branch deleted").isNull();
        assertThat(signed(WebhookProvider.GITHUB, "push", github("main")).commit()).as("not a commit id").isNull();
        assertThat(signed(WebhookProvider.GITHUB, "push", github(COMMIT + "00")).commit()).as("42 hex digits").isNull();
        assertThat(signed(WebhookProvider.GITHUB, "push", github(COMMIT.toUpperCase())).commit()).as("upper case is read as lower")
                .isEqualTo(COMMIT);
        assertThat(signed(WebhookProvider.GITHUB, "push", github("a".repeat(64))).commit()).as("SHA-256 repositories")
                .isEqualTo("a".repeat(64));
        assertThat(signed(WebhookProvider.BITBUCKET, "repo:refs_changed", """
                {"repository":{"links":{"clone":[{"href":"%s","name":"http"}]}},
                 "changes":[{"ref":{"id":"refs/heads/main"},"toHash":"%s"},{"ref":{"id":"refs/heads/other"},"toHash":"%s"}]}"""
                .formatted(REPO, COMMIT, "b".repeat(40))).commit()).as("two refs moved").isNull();
    }

    @Test
    void anUnverifiedPushNamesNothingAndTriggersNothing() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-GitHub-Event", "push");
        headers.put("X-Hub-Signature-256", "sha256=" + hmac("not-the-secret", github(COMMIT)));
        WebhookOutcome outcome = VERIFIER.handle(WebhookProvider.GITHUB, headers::get, github(COMMIT).getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.shouldTrigger()).isFalse();
        assertThat(outcome.commit()).isNull();
    }
}
