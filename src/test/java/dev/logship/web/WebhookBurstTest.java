package dev.logship.web;

import static dev.logship.testkit.Signatures.hmac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.git.GitSource;
import dev.logship.git.GitSourceConfig;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.TriggerQueue;
import dev.logship.testkit.ManifestRepo;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three pieces together: 100 signed webhooks in a burst, through real HTTP, into the
 * single-flight queue whose run fetches a real Git remote. Webhooks naming the pushed commit
 * (GitHub's {@code after}) cost exactly one fetch whatever their spread in time: those arriving
 * during the fetch are answered by it, later ones find it already fetched. Webhooks naming no
 * commit cost at most two fetches, thanks to the minimum interval between fetch starts.
 */
class WebhookBurstTest {
    private static final String SECRET = "burst-secret";

    @TempDir Path tmp;

    @Test
    void aHundredWebhooksNamingThePushedCommitCauseExactlyOneFetch() throws Exception {
        Path bare = seededRepository();
        String pushed = head(bare);
        String body = """
                {"ref":"refs/heads/main","after":"%s","repository":{"clone_url":"%s"}}""".formatted(pushed, bare.toUri());
        Burst burst = burst(bare, Duration.ofHours(1), b -> b.uri(route("github")).header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(burst.fetches()).as("fetches for 100 webhooks naming one commit").isEqualTo(1);
        assertThat(burst.fetched()).isEqualTo(pushed);
    }

    @Test
    void aHundredWebhooksNamingNoCommitCauseAtMostTwoFetches() throws Exception {
        Path bare = seededRepository();
        String body = "{\"repository\":\"" + bare + "\",\"ref\":\"refs/heads/main\"}";
        Burst burst = burst(bare, Duration.ofSeconds(4), b -> b.uri(route("generic"))
                .header("X-Signature", "sha256=" + hmac(SECRET, body)).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(burst.fetches()).as("fetches for 100 webhooks").isBetween(1, 2);
        assertThat(burst.fetched()).isEqualTo(head(bare));
    }

    private record Burst(int fetches, String fetched) {}

    private int port;

    private URI route(String provider) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/" + provider);
    }

    private Burst burst(Path bare, Duration minInterval, UnaryOperator<HttpRequest.Builder> request) throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<String> fetchedCommit = new AtomicReference<>();
        try (GitSource source = new GitSource(new GitSourceConfig(bare.toString(), "main", "", tmp.resolve("data"), null));
             TriggerQueue queue = new TriggerQueue((key, reasons) -> {
                 fetches.incrementAndGet();
                 fetchedCommit.set(source.fetch().revision().id());
                 return TriggerQueue.RunResult.SUCCESS;
             }, key -> fetchedCommit.get(), 2, Backoff.DEFAULT, minInterval)) {
            WebhookVerifier verifier = new WebhookVerifier(WebhookSettings.signed(SECRET, bare.toUri().toString(), source::trackedRef));
            WebhookRoutes routes = WebhookRoutes.withCommits(verifier, (reason, commit) -> queue.trigger("prod", reason, commit),
                    new SimpleMeterRegistry());
            Javalin app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
            try {
                port = app.port();
                HttpRequest built = request.apply(HttpRequest.newBuilder()).build();
                HttpClient http = HttpClient.newHttpClient();
                List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    responses.add(http.sendAsync(built, HttpResponse.BodyHandlers.ofString()));
                }
                for (var response : responses) {
                    assertThat(response.get().statusCode()).isEqualTo(202);
                    assertThat(response.get().body()).contains("triggered");
                }
            } finally {
                app.stop();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (queue.isRunning("prod") || queue.hasPending("prod")) {
                assertThat(System.nanoTime()).as("queue did not go idle").isLessThan(deadline);
                Thread.sleep(10); // poll interval of a wait-until
            }
            assertThat(queue.shutdown(Duration.ofSeconds(30))).isTrue();
        }
        return new Burst(fetches.get(), fetchedCommit.get());
    }

    private Path seededRepository() throws Exception {
        Path bare = tmp.resolve("manifests.git");
        try (ManifestRepo work = ManifestRepo.create(bare, tmp.resolve("work"))) {
            String pushed = work.change("cluster.yaml", "kind: Cluster\n", "add cluster");
            assertThat(pushed).isNotBlank();
        }
        return bare;
    }

    private static String head(Path bare) throws Exception {
        try (Git git = Git.open(bare.toFile())) {
            return git.getRepository().resolve("refs/heads/main").name();
        }
    }
}
