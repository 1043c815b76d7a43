package dev.logship.reliability;

import static dev.logship.reliability.ReliabilityFleets.CANARY;
import static dev.logship.reliability.ReliabilityFleets.EARLY;
import static dev.logship.reliability.ReliabilityFleets.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.notify.Receiver;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad commit through {@code serve} running as its own process: local-ecs over HTTP (in this
 * JVM, so the test can count its mutating calls per cluster), a real Git push and a signed
 * webhook, and a JSON notifier whose receiver runs in this test. 10 clusters in 3 waves (canary
 * 1, early 3, main 6); a crash-looping image fails in the canary wave.
 */
class RolloutBadCommitProcessTest {
    @TempDir
    Path tmp;

    private static String notifier(Path urlFile) {
        return """
                apiVersion: logship.dev/v1
                kind: Notifier
                metadata:
                  name: ops
                spec:
                  format: json
                  urlFrom: {file: %s}
                  events: [Degraded, Halted, RolledBack]
                """.formatted(urlFile);
    }

    private static boolean healthyOn(ServeProcess serve, String cluster, String revision) {
        JsonNode c = serve.cluster(cluster);
        return revision.equals(c.path("lastAppliedRevision").asText()) && "Synced".equals(c.path("syncStatus").asText())
                && "Healthy".equals(c.path("health").asText());
    }

    @Test
    void aBadCommitFailsInWaveOneLaterWavesGetNoCallWaveOneRollsBackAndTheNotifierHearsItInOrder() throws Exception {
        Path urlFile = tmp.resolve("ops-notifier-url");
        Fleet fleet = ReliabilityFleets.inWaves("0s", "rollback", Fleet.LOGSPOUT, CANARY, EARLY, MAIN).nodesPerCluster(3)
                .file("notifiers/ops.yaml", notifier(urlFile));
        try (Receiver receiver = Receiver.answering();
             ManifestRepo repo = ManifestRepo.seeded(tmp.resolve("repo"), fleet);
             LocalEcsServer ecs = LocalEcsServer.start(fleet.localEcs().build())) {
            Files.writeString(urlFile, receiver.url().toString());
            try (ServeProcess serve = ServeProcess.start(tmp.resolve("serve"), repo.bare.toString(), ecs.endpoint(), Secrets.environment(),
                    "--poll-interval", "10m", "--resync-interval", "10m",
                    // the receiver is plain http on loopback and the URL file sits in this test's directory
                    "--notify-allow-http", "--notify-allow-private", "127.0.0.0/8", "--notify-url-dir", tmp.toString())) {
                String seed = repo.head();
                for (String c : fleet.clusters()) {
                    Waits.until(c + " Healthy on the seed", Duration.ofSeconds(120), () -> healthyOn(serve, c, seed));
                }
                String goodTaskDefinition = serve.cluster("c01").path("forwarders").get(0).path("taskDefinition").asText();
                ecs.resetCallCounts();

                String bad = repo.commit(fleet.forwarder(fleet.forwarder("logs").image(Fleet.CRASHLOOPING)), "crash-looping image");
                long pushed = System.nanoTime();
                assertThat(serve.webhook(bad)).isEqualTo(202);

                Waits.until("the notifier hears RolledBack", Duration.ofSeconds(120),
                        () -> receiver.delivered().stream().anyMatch(b -> b.contains("\"event\":\"RolledBack\"")));
                System.out.printf("push to RolledBack at the notifier's receiver: %d ms%n", (System.nanoTime() - pushed) / 1_000_000);
                Waits.until("c01 Healthy again on the seed's task definition", Duration.ofSeconds(60), () -> {
                    JsonNode c = serve.cluster("c01");
                    return "Healthy".equals(c.path("health").asText()) && "Synced".equals(c.path("syncStatus").asText())
                            && goodTaskDefinition.equals(c.path("forwarders").path(0).path("taskDefinition").asText());
                });

                Map<String, Map<String, Long>> mutating = ecs.mutatingCallCountsByCluster();
                assertThat(mutating).as("the canary was changed and rolled back").containsKey("c01");
                for (String later : fleet.clusters().subList(1, 10)) {
                    assertThat(mutating).as("mutating calls on " + later + " (a later wave)").doesNotContainKey(later);
                }

                List<String> heard = new ArrayList<>();
                for (String body : receiver.delivered()) {
                    JsonNode event = ServeProcess.JSON.readTree(body);
                    assertThat(event.path("notifier").asText()).isEqualTo("ops");
                    if (bad.equals(event.path("revision").asText())) {
                        heard.add(event.path("event").asText() + " " + event.path("cluster").asText(""));
                    }
                }
                assertThat(heard).containsExactly("Degraded c01", "Halted ", "RolledBack c01");

                JsonNode rollout = ServeProcess.JSON.readTree(serve.get("/api/v1/rollouts").body()).path("rollouts").path(0);
                assertThat(rollout.path("state").asText()).isEqualTo("HALTED");
                assertThat(rollout.path("haltReason").asText()).startsWith("cluster c01 went Degraded in wave 1 (canary)");
                assertThat(rollout.path("counts").path("pending").asInt()).isEqualTo(9);
                assertThat(rollout.path("counts").path("rolledBack").asInt()).isEqualTo(1);
                String metrics = serve.get("/metrics").body();
                assertThat(metrics).contains("logship_notifications_total{event=\"RolledBack\",notifier=\"ops\",outcome=\"delivered\"} 1.0");

                // The receiver's URL is a secret: nowhere in what serve serves or logs.
                String served = serve.get("/api/v1/status").body() + serve.events() + metrics + serve.get("/").body()
                        + serve.get("/api/v1/rollouts").body();
                assertThat(served).doesNotContain(Receiver.SECRET_PATH);
                assertThat(serve.process().output()).doesNotContain(Receiver.SECRET_PATH);
            }
        }
    }
}
