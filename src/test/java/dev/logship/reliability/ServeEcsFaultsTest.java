package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.faults.Faults;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running {@code serve} process rolls 12 clusters out and back while local-ecs answers 30% of
 * calls with ThrottlingException, 10% with ServerException, with latency spikes. Every status
 * snapshot is checked against ECS's own state (local-ecs's admin view, which faults never
 * touch): a cluster shown Synced on a commit must really run that commit's image. /metrics
 * shows the faults logship retried.
 */
class ServeEcsFaultsTest {
    private static final List<String> CLUSTERS = ReliabilityFleets.names("f", 12);
    private static final List<String> FORWARDERS = List.of("papertrail", "seed");
    private static final String[] IMAGES = {"gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.13"};

    private static Fleet fleet(String image) {
        return ReliabilityFleets.withPerNodeSeed("f", CLUSTERS.size(), image, Secrets.ROUTE);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void serveUnderEcsFaultsNeverShowsAClusterSyncedBeforeEcsIs(@TempDir Path dir) throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION);
        CLUSTERS.forEach(c -> config.cluster(c + "-ecs", 2));
        ScheduledExecutorService spikes = Executors.newSingleThreadScheduledExecutor();
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            Random seeded = new Random(11);
            spikes.scheduleAtFixedRate(() -> ecs.setFaults(new Faults(0.3, 0.1, 0, seeded.nextInt(5) == 0 ? 250 : 0)),
                    0, 100, TimeUnit.MILLISECONDS);
            String commit = git.commit(fleet(IMAGES[0]), "first");
            int checked = 0;
            int notYet = 0;
            List<String> falseSynced = new ArrayList<>();
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h")) {
                for (int round = 0; round < 2; round++) {
                    String image = IMAGES[round % 2];
                    if (round > 0) {
                        commit = git.commit(fleet(image), "roll back and forth");
                        serve.syncNow();
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (!serve.allSynced(CLUSTERS, commit)) {
                        assertThat(System.nanoTime()).as("all Synced within 90 s").isLessThan(deadline);
                        JsonNode status = serve.status();
                        JsonNode ecsState = ServeProcess.JSON.readTree(ecs.stateJson()); // read after the status: ECS only moves on
                        for (JsonNode c : status.path("clusters")) {
                            boolean synced = "Synced".equals(c.path("syncStatus").asText())
                                    && commit.equals(c.path("lastAppliedRevision").asText());
                            if (!synced) {
                                notYet++;
                                continue;
                            }
                            checked++;
                            String wrong = wrongService(ecsState, c.path("clusterName").asText(), image);
                            if (wrong != null) {
                                falseSynced.add(c.path("name").asText() + " shown Synced but " + wrong);
                            }
                        }
                        Waits.pause(Duration.ofMillis(200)); // the sampling interval of the status watch
                    }
                }
                String metrics = serve.get("/metrics").body();
                assertThat(falseSynced).isEmpty();
                assertThat(checked).as("Synced claims checked against ECS").isPositive();
                // the SDK's retries show as attempts beyond the calls that completed
                long attempts = sum(metrics, "outcome=\"attempt\"");
                long completed = sum(metrics, "outcome=\"ok\"");
                assertThat(attempts).as("ECS call attempts on /metrics").isGreaterThan(completed);
                assertThat(SecretScan.leaks(dir.resolve("logs"), serve, CLUSTERS)).isEmpty();
                System.out.printf("FIGURES serve-ecs-faults: clusters=%d syncedClaimsChecked=%d notYetSyncedSeen=%d falseSynced=0"
                        + " ecsErrors=%s metricsAttempts=%d metricsOk=%d%n", CLUSTERS.size(), checked, notYet,
                        ecs.errorCounts().values().stream().mapToLong(Long::longValue).sum(), attempts, completed);
            }
        } finally {
            spikes.shutdownNow();
        }
    }

    /** The sum of logship_ecs_calls_total samples whose labels contain {@code label}. */
    private static long sum(String metrics, String label) {
        return metrics.lines().filter(l -> l.startsWith("logship_ecs_calls_total{") && l.contains(label))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A description of the first forwarder service not running {@code image} in ECS's state, or null. */
    private static String wrongService(JsonNode ecsState, String ecsCluster, String image) {
        JsonNode services = ecsState.path("clusters").path(ecsCluster).path("services");
        for (String f : FORWARDERS) {
            JsonNode s = services.path(f);
            if (!"ACTIVE".equals(s.path("status").asText())) {
                return f + " is not ACTIVE in ECS";
            }
            String arn = s.path("taskDefinition").asText();
            String family = arn.substring(arn.lastIndexOf('/') + 1, arn.lastIndexOf(':'));
            int revision = Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
            String running = ecsState.path("families").path(family).path(revision - 1).path("containerDefinitions").path(0)
                    .path("image").asText();
            if (!running.equals(image)) {
                return f + " runs " + running + " in ECS";
            }
        }
        return null;
    }
}
