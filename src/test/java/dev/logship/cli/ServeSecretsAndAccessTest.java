package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness, the API token, and that no secret reaches any output a person or a scraper sees. */
class ServeSecretsAndAccessTest {
    @TempDir Path tmp;

    @Test
    void readinessWaitsForTheFirstSyncOfEveryClusterAndTheSyncApiNeedsTheToken() throws Exception {
        // 150 ms per ECS call makes the first sync take seconds, so "not ready yet" is observable.
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10), Duration.ofMillis(150))) {
            assertThat(h.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(h.get("/readyz").statusCode()).isEqualTo(503);
            String seed = h.head();
            Waits.until("every cluster was synced once", Duration.ofSeconds(60), () -> h.get("/readyz").statusCode() == 200);
            assertThat(h.status().path("ready").asBoolean()).isTrue();

            assertThat(h.post("/api/v1/sync", null).statusCode()).isEqualTo(401);
            assertThat(h.post("/api/v1/sync", "wrong-token").statusCode()).isEqualTo(401);
            assertThat(h.post("/api/v1/sync?cluster=prod", ServeHarness.API_TOKEN).statusCode()).isEqualTo(202);
            assertThat(h.post("/api/v1/sync?cluster=nope", ServeHarness.API_TOKEN).statusCode()).isEqualTo(404);
            assertThat(h.cluster("prod").path("lastAttemptedRevision").asText()).isEqualTo(seed);
        }
    }

    @Test
    void noSecretAppearsInStatusEventsPageMetricsOrLogs() throws Exception {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(captured, originalErr), true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(new PrintStream(new TeeStream(captured, originalOut), true, StandardCharsets.UTF_8));
        List<String> outputs = new java.util.ArrayList<>();
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            String pushed = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "new route");
            h.githubPush("refs/heads/main");
            h.webhook("github", "{}", "push", "sha256=deadbeef");
            Waits.until("the new route is applied", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", pushed));
            String bad = h.push("prod/fluent-bit.yaml", y -> y.replace("syslog+tls://logs3.papertrailapp.com:23456",
                    "syslog+tls://logs3.papertrailapp.com:23456/x?token=" + ServeHarness.GIT_TOKEN + "-route"), "bad route");
            h.githubPush("refs/heads/main");
            Waits.until("the bad route commit is seen", Duration.ofSeconds(20),
                    () -> h.status().path("source").path("revision").asText().equals(bad));
            h.awaitIdle();
            h.post("/api/v1/sync", "wrong-" + ServeHarness.API_TOKEN);
            outputs.add(h.get("/api/v1/status").body());
            outputs.add(h.get("/api/v1/clusters/prod").body());
            outputs.add(h.get("/api/v1/events").body());
            outputs.add(h.get("/").body());
            outputs.add(h.get("/assets/table.js").body());
            outputs.add(h.get("/metrics").body());
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        outputs.add(captured.toString(StandardCharsets.UTF_8));
        assertThat(outputs.get(0)).contains("papertrail").contains("Synced");
        assertThat(outputs.get(5)).contains("logship_forwarder_info{cluster=\"prod\",forwarder=\"papertrail\"")
                .contains("logship_syncs_total").contains("logship_ecs_calls_total").contains("logship_reconcile_duration_seconds_bucket")
                .contains("logship_git_fetch_duration_seconds").contains("jvm_memory_used_bytes");
        assertThat(outputs.get(6)).as("logs were captured").contains("logship.events");
        for (String secret : List.of("logs3.papertrailapp.com:12345", "papertrailapp.com:23456", ServeHarness.WEBHOOK_SECRET,
                ServeHarness.API_TOKEN, ServeHarness.GIT_TOKEN)) {
            for (int i = 0; i < outputs.size(); i++) {
                assertThat(outputs.get(i)).as("output #%d must not contain %s", i, secret).doesNotContain(secret);
            }
        }
    }

    /** Writes to both streams, so the test log still shows what was captured. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
