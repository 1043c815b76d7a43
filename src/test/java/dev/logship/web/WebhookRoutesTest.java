package dev.logship.web;

import static dev.logship.testkit.Signatures.hmac;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP against a real Javalin server on a free port. */
class WebhookRoutesTest {
    private static final String SECRET = "whsec-" + Long.toHexString(System.nanoTime());
    private static final String REPO = "https://github.com/acme/manifests.git";
    private static final long LIMIT = 64 * 1024;

    private final List<String> triggers = new CopyOnWriteArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        WebhookVerifier verifier = new WebhookVerifier(WebhookSettings.signed(SECRET, REPO, () -> "main").withMaxBodyBytes(LIMIT));
        WebhookRoutes routes = new WebhookRoutes(verifier, triggers::add, registry);
        app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> post(String provider, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/webhooks/" + provider))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> githubPush(String body, String secret) throws Exception {
        return post("github", body, "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(secret, body));
    }

    @Test
    void onlyAValidSignedMatchingPushRunsTheCallback() throws Exception {
        String push = WebhookPayloads.github("acme/manifests", "refs/heads/main");

        HttpResponse<String> ok = githubPush(push, SECRET);
        HttpResponse<String> badSignature = githubPush(push, "wrong-secret");
        HttpResponse<String> unsigned = post("github", push, "X-GitHub-Event", "push");
        HttpResponse<String> otherBranch = githubPush(WebhookPayloads.github("acme/manifests", "refs/heads/dev"), SECRET);
        HttpResponse<String> otherRepo = githubPush(WebhookPayloads.github("acme/other", "refs/heads/main"), SECRET);
        HttpResponse<String> malformed = githubPush("{\"ref\":", SECRET);

        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).contains("\"outcome\":\"triggered\"").contains("refs/heads/main");
        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(otherBranch.statusCode()).isEqualTo(202);
        assertThat(otherBranch.body()).contains("ignored: push to refs/heads/dev");
        assertThat(otherRepo.statusCode()).isEqualTo(202);
        assertThat(otherRepo.body()).contains("ignored:");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(triggers).containsExactly("webhook github push to refs/heads/main");
    }

    @Test
    void everyProviderHasItsRoute() throws Exception {
        String gitlab = WebhookPayloads.gitlab("acme/manifests", "refs/heads/main").replace("gitlab.com", "github.com");
        String gitea = WebhookPayloads.gitea("github.com", "acme/manifests", "refs/heads/main");
        String bitbucket = WebhookPayloads.bitbucketCloud("acme/manifests", "main").replace("bitbucket.org", "github.com");

        assertThat(post("gitlab", gitlab, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET).statusCode()).isEqualTo(202);
        assertThat(post("gitea", gitea, "X-Gitea-Event", "push", "X-Gitea-Signature", hmac(SECRET, gitea)).statusCode()).isEqualTo(202);
        assertThat(post("bitbucket", bitbucket, "X-Event-Key", "repo:push", "X-Hub-Signature", "sha256=" + hmac(SECRET, bitbucket)).statusCode())
                .isEqualTo(202);
        assertThat(post("generic", "", "Authorization", "Bearer " + SECRET).statusCode()).isEqualTo(202);
        assertThat(triggers).hasSize(4);
        assertThat(post("github", "{}", "X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, "{}")).body())
                .contains("pong");
        assertThat(triggers).hasSize(4);
    }

    @Test
    void anOversizedBodyIs413AndTriggersNothing() throws Exception {
        String big = "{\"padding\":\"" + "x".repeat((int) LIMIT) + "\"}";
        HttpResponse<String> response = githubPush(big, SECRET);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(triggers).isEmpty();
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCutAtTheLimit() throws Exception {
        byte[] big = ("{\"padding\":\"" + "x".repeat((int) LIMIT * 2) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/webhooks/github"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + hmac(SECRET, new String(big, java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(triggers).isEmpty();
    }

    @Test
    void theDefaultLimitOfFiveMebibytesIsNotCappedByTheServersOwn() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(WebhookSettings.signed(SECRET, REPO, () -> "main"));
        Javalin other = Javalin.create(config -> new WebhookRoutes(verifier, triggers::add, registry).register(config.routes))
                .start("127.0.0.1", 0);
        try {
            String base = WebhookPayloads.github("acme/manifests", "refs/heads/main");
            String twoMiB = base.substring(0, base.length() - 1) + ",\"pad\":\"" + "y".repeat(2 << 20) + "\"}";
            String sixMiB = base.substring(0, base.length() - 1) + ",\"pad\":\"" + "y".repeat(6 << 20) + "\"}";
            for (var body : List.of(twoMiB, sixMiB)) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/api/v1/webhooks/github"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)).build();
                int expected = body == twoMiB ? 202 : 413;
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(expected);
            }
            assertThat(triggers).hasSize(1);
        } finally {
            other.stop();
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() throws Exception {
        String base = WebhookPayloads.github("acme/manifests", "refs/heads/main");
        String padded = base.substring(0, base.length() - 1) + ",\"pad\":\"" + "y".repeat((int) LIMIT - base.length() - 10) + "\"}";
        assertThat(padded.length()).isLessThanOrEqualTo((int) LIMIT);
        assertThat(githubPush(padded, SECRET).statusCode()).isEqualTo(202);
        assertThat(triggers).hasSize(1);
    }

    @Test
    void requestsAreCountedByProviderAndOutcomeWithoutSecrets() throws Exception {
        String push = WebhookPayloads.github("acme/manifests", "refs/heads/main");
        githubPush(push, SECRET);
        githubPush(push, SECRET);
        githubPush(push, "wrong");

        String scrape = registry.scrape();
        assertThat(scrape).contains("logship_webhook_requests_total{outcome=\"triggered\",provider=\"github\"} 2.0");
        assertThat(scrape).contains("logship_webhook_requests_total{outcome=\"unauthorized\",provider=\"github\"} 1.0");
        assertThat(scrape).doesNotContain(SECRET);
    }
}
