package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's API over real HTTP against serve, local-ecs and Git (the examples' 4 clusters): the
 * summary and one page of clusters filtered and sorted on the server, an unchanged answer is a
 * 304 on its ETag, the changes long poll answers only when something changed, and
 * /api/v1/status still serves every cluster for existing users.
 */
class StatusApiPagingTest {
    @TempDir Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesASummaryAndOnePageOfClustersAnswers304WhenNothingChangedAndLongPollsChanges() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed is applied everywhere", Duration.ofSeconds(60), () -> h.syncedAndHealthy("prod", seed)
                    && h.syncedAndHealthy("staging", seed) && h.syncedAndHealthy("legacy", seed) && h.syncedAndHealthy("managed", seed));
            h.awaitIdle();

            JsonNode summary = ServeHarness.JSON.readTree(h.get("/api/v1/summary").body());
            assertThat(summary.path("counts").path("clusters").asInt()).isEqualTo(4);
            assertThat(summary.path("counts").path("failing").asInt()).isZero();
            assertThat(summary.path("counts").path("health").path("Healthy").asInt()).isEqualTo(4);
            assertThat(summary.path("stalledCommit").isNull()).isTrue();

            JsonNode page = ServeHarness.JSON.readTree(h.get("/api/v1/clusters?page=2&size=1&sort=name").body());
            assertThat(page.path("total").asInt()).isEqualTo(4);
            assertThat(page.path("pages").asInt()).isEqualTo(4);
            assertThat(page.path("clusters")).hasSize(1);
            assertThat(page.path("clusters").path(0).path("name").asText()).isEqualTo("managed");
            assertThat(page.path("clusters").path(0).path("summary").asText()).startsWith("Synced: ECS is on " + seed.substring(0, 12));
            JsonNode filtered = ServeHarness.JSON.readTree(h.get("/api/v1/clusters?filter=prod&state=Healthy").body());
            assertThat(filtered.path("matched").asInt()).isEqualTo(1);
            assertThat(filtered.path("clusters").path(0).path("name").asText()).isEqualTo("prod");

            for (String path : List.of("/api/v1/summary", "/api/v1/clusters?size=2", "/api/v1/rollouts", "/api/v1/events?limit=30",
                    "/api/v1/status")) {
                // A background re-check may legitimately change the fleet between two reads: then the
                // answer must be a 200 with the new body and another ETag; unchanged, it must be a 304.
                Waits.until(path + " answers 304 to its own ETag", Duration.ofSeconds(20), () -> {
                    HttpResponse<String> first = h.get(path);
                    String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
                    HttpResponse<String> again = http.send(HttpRequest.newBuilder(h.url(path)).header("If-None-Match", etag).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (again.statusCode() == 304) {
                        assertThat(again.body()).isEmpty();
                        return true;
                    }
                    assertThat(again.statusCode()).as(path + " changed").isEqualTo(200);
                    assertThat(again.headers().firstValue("ETag")).as(path + " changed, so its ETag").isPresent().get().isNotEqualTo(etag);
                    assertThat(again.body()).as(path + " changed, so its body").isNotEqualTo(first.body());
                    return false;
                });
            }
            HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(h.url("/api/v1/status")).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");

            // While nothing changes the long poll stays open. A background re-check may change the fleet
            // once in a while (then the poll answers, rightly): ask again from the new version.
            long[] version = new long[1];
            List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
            Waits.until("a long poll that stays open for 1 s while nothing changes", Duration.ofSeconds(30), () -> {
                version[0] = ServeHarness.JSON.readTree(h.get("/api/v1/changes?after=-1").body()).path("version").asLong();
                CompletableFuture<HttpResponse<String>> poll = http.sendAsync(HttpRequest.newBuilder(
                        h.url("/api/v1/changes?after=" + version[0])).build(), HttpResponse.BodyHandlers.ofString());
                try {
                    JsonNode answer = ServeHarness.JSON.readTree(poll.get(1, TimeUnit.SECONDS).body());
                    assertThat(answer.path("version").asLong()).as("a poll answers early only for a change").isGreaterThan(version[0]);
                    return false;
                } catch (TimeoutException stillOpen) {
                    open.add(poll);
                    return true;
                }
            });
            CompletableFuture<HttpResponse<String>> waiting = open.get(0);
            long version0 = version[0];
            assertThat(h.post("/api/v1/sync?cluster=prod", ServeHarness.API_TOKEN).statusCode()).isEqualTo(202);
            JsonNode changed = ServeHarness.JSON.readTree(waiting.get(20, TimeUnit.SECONDS).body());
            assertThat(changed.path("changed").asBoolean()).isTrue();
            assertThat(changed.path("version").asLong()).isGreaterThan(version0);

            assertThat(h.status().path("clusters")).as("the full status stays for existing users").hasSize(4);
        }
    }
}
