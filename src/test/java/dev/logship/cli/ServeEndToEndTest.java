package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Signatures;
import dev.logship.testkit.Waits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** serve as teams run it: a push, the signed GitHub webhook, and ECS following within moments. */
class ServeEndToEndTest {
    @TempDir Path tmp;

    @Test
    void aPushedCommitReachesEcsThroughTheSignedGithubWebhook() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            String before = h.cluster("prod").path("forwarders").get(0).path("taskDefinition").asText();

            String pushed = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "new papertrail port");
            // A push right after the startup fetch would wait out the source's 1 s minimum interval; measure a lone push.
            h.awaitOneSecondSinceLastFetch();
            long start = System.nanoTime();
            HttpResponse<String> response = h.githubPush("refs/heads/main");
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).contains("triggered");
            Waits.until("the pushed commit is applied", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", pushed));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.println("push-to-applied (webhook sent -> status Synced/Healthy at the new commit): " + millis + " ms");

            JsonNode prod = h.cluster("prod");
            String after = prod.path("forwarders").get(0).path("taskDefinition").asText();
            assertThat(after).isNotEqualTo(before);
            assertThat(prod.path("pendingPlan").isNull()).isTrue();
            try (EcsClient sdk = h.sdk("us-east-1")) {
                TaskDefinition td = sdk.describeTaskDefinition(DescribeTaskDefinitionRequest.builder().taskDefinition(after).build())
                        .taskDefinition();
                // prod runs Fluent Bit: the port is an environment value (the SDK's toString redacts those).
                String env = td.containerDefinitions().get(0).environment().stream().map(e -> e.name() + "=" + e.value()).toList().toString();
                assertThat(env).contains("LOGSHIP_ROUTE_0_PORT=23456").doesNotContain("12345");
            }
            assertThat(h.get("/api/v1/events").body()).contains(pushed).contains("new papertrail port");
            assertThat(h.status().path("source").path("revision").asText()).isEqualTo(pushed);
            // the other clusters did not change: their commit is the new one, with nothing to do
            Waits.until("legacy follows the new commit", Duration.ofSeconds(10), () -> h.syncedAndHealthy("legacy", pushed));
        }
    }

    @Test
    void theRunningServerRejectsBadWebhooksAndIgnoresOtherBranches() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + h.bare.toUri() + "\"}}";
            HttpResponse<String> wrongSignature = h.webhook("github", body, "push", "sha256=" + Signatures.hmac("not-the-secret", body));
            assertThat(wrongSignature.statusCode()).isEqualTo(401);
            assertThat(wrongSignature.body()).doesNotContain(ServeHarness.WEBHOOK_SECRET);

            HttpResponse<String> otherBranch = h.githubPush("refs/heads/feature-x");
            assertThat(otherBranch.statusCode()).isEqualTo(202);
            assertThat(otherBranch.body()).contains("ignored");

            String huge = "{\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
            assertThat(h.webhook("github", huge, "push", "sha256=" + Signatures.hmac(ServeHarness.WEBHOOK_SECRET, huge)).statusCode())
                    .isEqualTo(413);

            String broken = "{\"ref\": refs/heads/main";
            HttpResponse<String> malformed = h.webhook("github", broken, "push", "sha256=" + Signatures.hmac(ServeHarness.WEBHOOK_SECRET, broken));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));

            HttpResponse<String> unknown = h.get("/api/v1/clusters/nope");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(ServeHarness.JSON.readTree(unknown.body()).path("error").asText()).contains("nope");
            assertThat(h.get("/no/such/page").statusCode()).isEqualTo(404);

            String metrics = h.get("/metrics").body();
            assertThat(metrics).contains("logship_webhook_requests_total{outcome=\"unauthorized\",provider=\"github\"} 1.0")
                    .contains("outcome=\"ignored\"").contains("outcome=\"too_large\"").contains("outcome=\"malformed\"");
        }
    }

    @Test
    void aHundredWebhooksInABurstCauseAtMostTwoFetches() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            h.awaitIdle();
            double fetchesBefore = fetchCount(h);
            String pushed = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "34567"), "burst");
            var responses = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
            // GitHub names the pushed commit ("after"): the fetch that finds it answers every copy,
            // however long the burst takes to arrive on a loaded machine, so the count is exact.
            String body = h.githubPushBody("refs/heads/main", pushed);
            var request = java.net.http.HttpRequest.newBuilder(h.url("/api/v1/webhooks/github"))
                    .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + Signatures.hmac(ServeHarness.WEBHOOK_SECRET, body))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            for (int i = 0; i < 100; i++) {
                responses.add(h.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (var r : responses) {
                assertThat(r.get().statusCode()).isEqualTo(202);
            }
            Waits.until("the pushed commit is applied", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", pushed));
            h.awaitIdle();
            assertThat(fetchCount(h) - fetchesBefore).as("fetches for 100 webhooks").isEqualTo(1.0);
        }
    }

    @Test
    void twoPushesInQuickSuccessionAreEachFetchedAndAppliedWithoutWaitingForTheMinimumInterval() throws Exception {
        // Ten minutes between fetch starts for triggers naming no commit: a push that waited for it would time out here.
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10), Duration.ZERO,
                s -> s.withSourceMinInterval(Duration.ofMinutes(10)))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            h.awaitIdle();
            double fetchesBefore = fetchCount(h);

            String first = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "45678"), "first push");
            assertThat(h.githubPush("refs/heads/main", first).statusCode()).isEqualTo(202);
            Waits.until("the first push is fetched", Duration.ofSeconds(30), () -> fetchCount(h) - fetchesBefore >= 1);
            String second = h.push("prod/fluent-bit.yaml", y -> y.replace("45678", "56789"), "second push");
            assertThat(h.githubPush("refs/heads/main", second).statusCode()).isEqualTo(202);

            Waits.until("the second push is applied", Duration.ofSeconds(60), () -> h.syncedAndHealthy("prod", second));
            h.awaitIdle();
            assertThat(fetchCount(h) - fetchesBefore).as("one fetch per push").isEqualTo(2.0);
            // the first push was fetched before the second was made: each fetch found its own commit
            java.util.List<String> accepted = new java.util.ArrayList<>();
            for (JsonNode event : ServeHarness.JSON.readTree(h.get("/api/v1/events").body())) { // newest first
                if (event.path("type").asText().equals("NewRevision")) {
                    accepted.add(0, event.path("revision").asText());
                }
            }
            assertThat(accepted).as("commits accepted, oldest first").containsExactly(seed, first, second);
        }
    }

    private static double fetchCount(ServeHarness h) throws Exception {
        return h.get("/metrics").body().lines().filter(l -> l.startsWith("logship_git_fetch_duration_seconds_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
