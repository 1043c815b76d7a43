package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.notify.Receiver;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifiers through the whole operator (serve in-process, local-ecs over HTTP, real pushes and
 * signed webhooks), each URL in a file as Git never holds it: a flaky receiver gets its event
 * once with the retries in /metrics; a receiver that never answers delays no reconcile.
 */
class ServeNotifierTest {
    @TempDir
    Path tmp;

    private static String notifier(String name, Path urlFile, String events) {
        return """
                apiVersion: logship.dev/v1
                kind: Notifier
                metadata:
                  name: %s
                spec:
                  format: json
                  urlFrom: {file: %s}
                  events: [%s]
                """.formatted(name, urlFile, events);
    }

    private static double metric(String metrics, String notifier, String event, String outcome) {
        Matcher m = Pattern.compile("^logship_notifications_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("notifier=\"" + notifier + "\"") && labels.contains("event=\"" + event + "\"")
                    && labels.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void aReceiverAnswering500TwiceThen200GetsTheStallOnceAndTheRetriesAreInMetrics() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10)); Receiver flaky = Receiver.answering(500, 500)) {
            Path urlFile = tmp.resolve("ops-url");
            Files.writeString(urlFile, flaky.url().toString());
            String withNotifier = h.push("notifiers.yaml", y -> notifier("ops", urlFile, "Stalled"), "tell ops about stalls");
            h.githubPush("refs/heads/main");
            Waits.until("the notifier's commit is in force", Duration.ofSeconds(60),
                    () -> withNotifier.equals(h.status().path("source").path("revision").asText()));

            h.push("staging/broken.yaml", y -> "kind: [unclosed\n", "a broken manifest");
            long pushed = System.nanoTime();
            h.githubPush("refs/heads/main");

            Waits.until("the Stalled event delivered", Duration.ofSeconds(60), () -> flaky.delivered().size() == 1);
            System.out.printf("push to Stalled delivered after two 500s: %d ms (backoff 1 s then 2 s, 20%% jitter)%n",
                    (System.nanoTime() - pushed) / 1_000_000);
            assertThat(flaky.requests()).isEqualTo(3);
            assertThat(flaky.delivered().get(0)).contains("\"event\":\"Stalled\"").contains("broken.yaml");
            Waits.until("/metrics counts it", Duration.ofSeconds(10),
                    () -> metric(h.get("/metrics").body(), "ops", "Stalled", "delivered") == 1);
            String metrics = h.get("/metrics").body();
            assertThat(metric(metrics, "ops", "Stalled", "retried")).isEqualTo(2);
            assertThat(metric(metrics, "ops", "Stalled", "failed")).isZero();
            assertThat(metrics).doesNotContain(Receiver.SECRET_PATH);
            assertThat(h.get("/api/v1/status").body() + h.get("/api/v1/events").body()).doesNotContain(Receiver.SECRET_PATH);
        }
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoReconcileNorOtherNotifiers() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10)); Receiver hang = Receiver.hanging();
             Receiver ops = Receiver.answering()) {
            Path hangUrl = tmp.resolve("stuck-url");
            Path opsUrl = tmp.resolve("ops-url");
            Files.writeString(hangUrl, hang.url().toString());
            Files.writeString(opsUrl, ops.url().toString());
            h.push("notifiers.yaml", y -> notifier("stuck", hangUrl, "Applied") + "---\n" + notifier("ops", opsUrl, "Applied"),
                    "notifiers");
            String first = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "new papertrail port");
            h.githubPush("refs/heads/main");
            Waits.until("the hanging receiver holds prod's Applied", Duration.ofSeconds(60), () -> hang.requests() >= 1);
            Waits.until("prod Healthy on the first commit", Duration.ofSeconds(60), () -> h.syncedAndHealthy("prod", first));

            // While that request hangs (10 s per attempt, 5 retries), the next commit is reconciled all the same.
            String second = h.push("prod/fluent-bit.yaml", y -> y.replace("23456", "34567"), "another papertrail port");
            h.githubPush("refs/heads/main");
            Waits.until("prod Healthy on the second commit", Duration.ofSeconds(60), () -> h.syncedAndHealthy("prod", second));
            Waits.until("the other notifier got the second commit's Applied", Duration.ofSeconds(30),
                    () -> ops.delivered().stream().anyMatch(b -> b.contains(second) && b.contains("\"event\":\"Applied\"")));
            assertThat(hang.answered()).isZero();
            assertThat(metric(h.get("/metrics").body(), "stuck", "Applied", "delivered")).isZero();
        }
    }
}
