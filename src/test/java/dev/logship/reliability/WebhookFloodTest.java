package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeLaunch;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 6: serve at -Xmx64m gets 40 parallel 5 MiB webhook bodies with a wrong GitLab
 * token (and 20 more with a wrong GitHub signature, which must be read to be judged), while a
 * valid push webhook arrives. Before, bodies were buffered before authentication and 29 of 40
 * server threads died of OutOfMemoryError. Now: no OOM, /healthz stays 200, the valid webhook is
 * accepted and its commit applied.
 */
class WebhookFloodTest {
    private static final int BODY = 5 * 1024 * 1024;
    private static final List<String> CLUSTERS = ReliabilityFleets.names("w", 1);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFloodOfLargeUnauthenticatedBodiesLeavesA64MiBServeHealthyAndAValidWebhookIsApplied(@TempDir Path dir) throws Exception {
        try (LocalEcsProcess ecs = LocalEcsProcess.start(dir, CLUSTERS, 2); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            String first = git.commit(ReliabilityFleets.ofClusters("w", 1, "gliderlabs/logspout:v3.2.14", Secrets.ROUTE), "first");
            try (ServeProcess serve = ServeLaunch.of(git.uri(), ecs.endpoint(), dir.resolve("data")).env(Secrets.environment()).heap("64m")
                    .options("--poll-interval", "1h", "--resync-interval", "1h").start()) {
                Waits.until("the first commit is applied", Duration.ofSeconds(60), () -> serve.allSynced(CLUSTERS, first));
                String second = git.commit(ReliabilityFleets.ofClusters("w", 1, "gliderlabs/logspout:v3.2.13", Secrets.ROUTE), "second");

                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                byte[] junk = new byte[BODY];
                java.util.Arrays.fill(junk, (byte) '{');
                List<CompletableFuture<Integer>> flood = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    flood.add(send(http, serve.port, "gitlab", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong"), junk));
                }
                for (int i = 0; i < 20; i++) {
                    flood.add(send(http, serve.port, "github", Map.of("X-GitHub-Event", "push",
                            "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), junk));
                }
                int valid = serve.webhook(true); // during the flood
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (CompletableFuture<Integer> f : flood) {
                    statuses.merge(f.get(2, TimeUnit.MINUTES), 1, Integer::sum);
                }
                System.out.println("webhook flood: valid webhook " + valid + ", flood answers by status (0 = connection closed"
                        + " while the body was still being sent) " + statuses);

                assertThat(valid).as("the valid webhook during the flood").isEqualTo(202);
                assertThat(statuses.keySet()).as("refused, too busy or cut off; never accepted or failed inside")
                        .isSubsetOf(0, 401, 503);
                Waits.until("the second commit is applied", Duration.ofSeconds(60), () -> serve.allSynced(CLUSTERS, second));
                assertThat(serve.get("/healthz").statusCode()).isEqualTo(200);
                assertThat(serve.process().alive()).isTrue();
                assertThat(serve.process().output()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    /** The body is streamed (chunked, no Content-Length), as a client that does not announce its size sends it. */
    private static CompletableFuture<Integer> send(HttpClient http, int port, String provider, Map<String, String> headers,
                                                   byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/" + provider))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                if (cause instanceof IOException) {
                    return 0;
                }
                throw new AssertionError(cause);
            }
            return response.statusCode();
        });
    }
}
