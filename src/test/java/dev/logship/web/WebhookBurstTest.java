package dev.logship.web;

import static dev.logship.web.WebhookPayloads.hmac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.git.GitSource;
import dev.logship.git.GitSourceConfig;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.TriggerQueue;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three pieces together: 100 signed webhooks in a burst, through real HTTP, into the
 * single-flight queue whose run fetches a real Git remote, cause at most two fetches.
 */
class WebhookBurstTest {
    private static final String SECRET = "burst-secret";

    @TempDir Path tmp;

    @Test
    void aHundredWebhooksInABurstCauseAtMostTwoFetches() throws Exception {
        Path bare = tmp.resolve("manifests.git");
        Git.init().setBare(true).setInitialBranch("main").setGitDir(bare.toFile()).call().close();
        RevCommit pushed;
        try (Git work = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(tmp.resolve("work").toFile()).call()) {
            Files.writeString(tmp.resolve("work/cluster.yaml"), "kind: Cluster\n");
            work.add().addFilepattern("cluster.yaml").call();
            pushed = work.commit().setMessage("add cluster").setAuthor("T", "t@e").setCommitter("T", "t@e").call();
            work.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
        }

        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<String> fetchedCommit = new AtomicReference<>();
        try (GitSource source = new GitSource(new GitSourceConfig(bare.toString(), "main", "", tmp.resolve("data"), null));
             TriggerQueue queue = new TriggerQueue((key, reasons) -> {
                 fetches.incrementAndGet();
                 fetchedCommit.set(source.fetch().revision().id());
                 return TriggerQueue.RunResult.SUCCESS;
             }, 2, Backoff.DEFAULT, Duration.ofSeconds(4))) {
            WebhookVerifier verifier = new WebhookVerifier(WebhookSettings.signed(SECRET, bare.toUri().toString(), source::trackedRef));
            WebhookRoutes routes = new WebhookRoutes(verifier, reason -> queue.trigger("prod", reason), new SimpleMeterRegistry());
            Javalin app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
            try {
                String body = "{\"repository\":\"" + bare + "\",\"ref\":\"refs/heads/main\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/webhooks/generic"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("X-Signature", "sha256=" + hmac(SECRET, body)).build();
                HttpClient http = HttpClient.newHttpClient();
                List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                }
                for (var response : responses) {
                    assertThat(response.get().statusCode()).isEqualTo(202);
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
        assertThat(fetches.get()).as("fetches for 100 webhooks").isBetween(1, 2);
        assertThat(fetchedCommit.get()).isEqualTo(pushed.name());
    }
}
