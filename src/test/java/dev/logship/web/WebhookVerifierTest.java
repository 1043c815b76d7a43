package dev.logship.web;

import static dev.logship.testkit.Signatures.hmac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.web.WebhookOutcome.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final String SECRET = "whsec-correct-horse-battery";
    private static final String REPO = "https://github.com/acme/manifests.git";

    private static WebhookVerifier verifier(String repo, String ref) {
        return new WebhookVerifier(WebhookSettings.signed(SECRET, repo, () -> ref));
    }

    private static WebhookOutcome call(WebhookVerifier verifier, WebhookProvider provider, String body, String... headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return verifier.handle(provider, map::get, body.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookOutcome github(WebhookVerifier v, String body) {
        return call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body));
    }

    @Test
    void aSignedGithubPushToTheFollowedBranchTriggers() {
        WebhookOutcome outcome = github(verifier(REPO, "main"), WebhookPayloads.github("acme/manifests", "refs/heads/main"));
        assertThat(outcome.kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.message()).startsWith("triggered: ").contains("refs/heads/main");
        assertThat(outcome.shouldTrigger()).isTrue();
    }

    @Test
    void githubPingIsAnsweredOnlyWhenSigned() {
        String body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        WebhookVerifier v = verifier(REPO, "main");
        assertThat(call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)))
                .isEqualTo(WebhookOutcome.pong());
        assertThat(call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "ping").status()).isEqualTo(401);
    }

    @Test
    void aWrongOrMissingSignatureIsUnauthorizedAndNeverShowsTheSecret() {
        String body = WebhookPayloads.github("acme/manifests", "refs/heads/main");
        WebhookVerifier v = verifier(REPO, "main");
        WebhookOutcome wrong = call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hmac("not-the-secret", body));
        WebhookOutcome missing = call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "push");
        WebhookOutcome sha1 = call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha1=abc");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).contains("does not match");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.message()).isEqualTo("missing X-Hub-Signature-256 header");
        assertThat(sha1.status()).isEqualTo(401);
        assertThat(wrong.message() + missing.message() + sha1.message()).doesNotContain(SECRET);
    }

    @Test
    void aReplayedSignatureWithAnAlteredBodyIsRejected() {
        String original = WebhookPayloads.github("acme/manifests", "refs/heads/main");
        String altered = original.replace("acme/manifests", "acme/manifests2");
        WebhookOutcome outcome = call(verifier(REPO, "main"), WebhookProvider.GITHUB, altered,
                "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, original));
        assertThat(outcome.kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void signatureIsCheckedBeforeTheBodyIsParsed() {
        String garbage = "{not json";
        WebhookVerifier v = verifier(REPO, "main");
        assertThat(call(v, WebhookProvider.GITHUB, garbage, "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=00").status())
                .isEqualTo(401);
        WebhookOutcome signed = github(v, garbage);
        assertThat(signed.status()).isEqualTo(400);
        assertThat(signed.message()).startsWith("malformed JSON body at line 1, column ").doesNotContain("not json");
    }

    @Test
    void pushesToAnotherRepositoryOrBranchAreIgnored() {
        WebhookVerifier v = verifier(REPO, "main");
        WebhookOutcome otherRepo = github(v, WebhookPayloads.github("acme/website", "refs/heads/main"));
        WebhookOutcome otherBranch = github(v, WebhookPayloads.github("acme/manifests", "refs/heads/feature-x"));

        assertThat(otherRepo.status()).isEqualTo(202);
        assertThat(otherRepo.message()).isEqualTo("ignored: push to https://github.com/acme/website.git, not the configured repository");
        assertThat(otherBranch.status()).isEqualTo(202);
        assertThat(otherBranch.message()).isEqualTo("ignored: push to refs/heads/feature-x, following main");
        assertThat(otherRepo.shouldTrigger() || otherBranch.shouldTrigger()).isFalse();
    }

    @Test
    void otherEventsAreIgnoredAndAMissingEventHeaderIsMalformed() {
        String body = "{\"action\":\"opened\"}";
        WebhookVerifier v = verifier(REPO, "main");
        assertThat(call(v, WebhookProvider.GITHUB, body, "X-GitHub-Event", "issues", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)).message())
                .isEqualTo("ignored: event 'issues' is not a push");
        assertThat(call(v, WebhookProvider.GITHUB, body, "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)).status()).isEqualTo(400);
    }

    @Test
    void theConfiguredRepositoryMatchesInEveryUrlForm() {
        String push = WebhookPayloads.github("Acme/Manifests", "refs/heads/main");
        for (String configured : new String[] {
                "https://github.com/acme/manifests", "https://github.com/acme/manifests.git/",
                "https://x-access-token:ghp_abc@GitHub.com/acme/manifests.git", "git@github.com:acme/manifests.git",
                "ssh://git@github.com:22/acme/manifests.git", "http://github.com/acme/manifests"}) {
            assertThat(github(verifier(configured, "main"), push).kind()).as(configured).isEqualTo(Kind.TRIGGERED);
        }
        assertThat(github(verifier("https://gitlab.com/acme/manifests.git", "main"), push).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void refsMatchInShortOrFullFormAndTagsToo() {
        String push = WebhookPayloads.github("acme/manifests", "refs/heads/main");
        assertThat(github(verifier(REPO, "refs/heads/main"), push).kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(github(verifier(REPO, null), push).kind()).as("no ref known yet: any push triggers").isEqualTo(Kind.TRIGGERED);
        assertThat(github(verifier(REPO, "v1.2"), WebhookPayloads.github("acme/manifests", "refs/tags/v1.2")).kind())
                .isEqualTo(Kind.TRIGGERED);
    }

    @Test
    void gitlabChecksItsTokenHeader() {
        WebhookVerifier v = verifier("git@gitlab.com:acme/manifests.git", "main");
        String body = WebhookPayloads.gitlab("acme/manifests", "refs/heads/main");
        assertThat(call(v, WebhookProvider.GITLAB, body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET).kind())
                .isEqualTo(Kind.TRIGGERED);
        assertThat(call(v, WebhookProvider.GITLAB, body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET + "x").status())
                .isEqualTo(401);
        assertThat(call(v, WebhookProvider.GITLAB, body, "X-Gitlab-Event", "Push Hook").status()).isEqualTo(401);
        assertThat(call(v, WebhookProvider.GITLAB, body, "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token", SECRET).kind())
                .isEqualTo(Kind.IGNORED);
    }

    @Test
    void giteaSignsWithAPlainHexHmac() {
        WebhookVerifier v = verifier("https://git.example.org/acme/manifests", "main");
        String body = WebhookPayloads.gitea("git.example.org", "acme/manifests", "refs/heads/main");
        assertThat(call(v, WebhookProvider.GITEA, body, "X-Gitea-Event", "push", "X-Gitea-Signature", hmac(SECRET, body)).kind())
                .isEqualTo(Kind.TRIGGERED);
        assertThat(call(v, WebhookProvider.GITEA, body, "X-Gitea-Event", "push", "X-Gitea-Signature", hmac("nope", body)).status())
                .isEqualTo(401);
    }

    @Test
    void bitbucketCloudAndServerPayloadsBothMatch() {
        String cloud = WebhookPayloads.bitbucketCloud("acme/manifests", "main");
        WebhookVerifier cloudV = verifier("git@bitbucket.org:acme/manifests.git", "main");
        assertThat(call(cloudV, WebhookProvider.BITBUCKET, cloud, "X-Event-Key", "repo:push", "X-Hub-Signature", "sha256=" + hmac(SECRET, cloud)).kind())
                .isEqualTo(Kind.TRIGGERED);

        String server = WebhookPayloads.bitbucketServer("ops", "manifests", "refs/heads/main");
        WebhookVerifier serverV = verifier("https://bitbucket.example.com/scm/ops/manifests.git", "main");
        String sig = "sha256=" + hmac(SECRET, server);
        assertThat(call(serverV, WebhookProvider.BITBUCKET, server, "X-Event-Key", "repo:refs_changed", "X-Hub-Signature", sig).kind())
                .isEqualTo(Kind.TRIGGERED);
        assertThat(call(serverV, WebhookProvider.BITBUCKET, "{}", "X-Event-Key", "diagnostics:ping", "X-Hub-Signature", "sha256=" + hmac(SECRET, "{}")))
                .isEqualTo(WebhookOutcome.pong());
        assertThat(call(verifier("https://bitbucket.example.com/scm/ops/other.git", "main"), WebhookProvider.BITBUCKET, server,
                "X-Event-Key", "repo:refs_changed", "X-Hub-Signature", sig).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void genericAcceptsAnHmacOrABearerToken() {
        WebhookVerifier v = verifier("/srv/demo/manifests.git", "main");
        String body = "{\"repository\":\"file:///srv/demo/manifests.git\",\"ref\":\"refs/heads/main\"}";
        assertThat(call(v, WebhookProvider.GENERIC, body, "X-Signature", "sha256=" + hmac(SECRET, body)).kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(call(v, WebhookProvider.GENERIC, "", "Authorization", "Bearer " + SECRET).kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(call(v, WebhookProvider.GENERIC, body, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(call(v, WebhookProvider.GENERIC, body, "Authorization", "Basic " + SECRET).status()).isEqualTo(401);
        assertThat(call(v, WebhookProvider.GENERIC, body).status()).isEqualTo(401);
    }

    @Test
    void anOversizedBodyIsRejectedBeforeAnythingElse() {
        WebhookVerifier v = new WebhookVerifier(WebhookSettings.signed(SECRET, REPO, () -> "main").withMaxBodyBytes(100));
        WebhookOutcome outcome = github(v, WebhookPayloads.github("acme/manifests", "refs/heads/main"));
        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.kind()).isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void aSecretIsRequiredUnlessUnsignedIsAllowed() {
        assertThatThrownBy(() -> new WebhookSettings(null, false, REPO, null, 10)).hasMessageContaining("--webhook-allow-unsigned");
        WebhookVerifier unsigned = new WebhookVerifier(new WebhookSettings(null, true, REPO, () -> "main", 1 << 20));
        assertThat(call(unsigned, WebhookProvider.GITHUB, WebhookPayloads.github("acme/manifests", "refs/heads/main"), "X-GitHub-Event", "push").kind())
                .isEqualTo(Kind.TRIGGERED);
        assertThat(WebhookSettings.signed(SECRET, REPO, null).toString()).doesNotContain(SECRET);
    }

    @Test
    void credentialsInThePayloadUrlAreNotEchoed() {
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://bot:hunter2@evil.example/x.git\"}}";
        WebhookOutcome outcome = github(verifier(REPO, "main"), body);
        assertThat(outcome.kind()).isEqualTo(Kind.IGNORED);
        assertThat(outcome.message()).doesNotContain("hunter2").contains("https://evil.example/x.git");
    }
}
