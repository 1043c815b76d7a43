package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeLaunch;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Issue 22, "clean-up never delays an apply": each push used to spend two tokens of ECS's
 * task-definition bucket inside its apply (its RegisterTaskDefinition and the revision clean-up's
 * DeregisterTaskDefinition), so a burst of pushes ran the bucket dry and every later push waited.
 * Now a push's apply only registers; clean-up runs after the apply is reported, only from spare
 * budget. serve runs as its own process, paced at a quarter of ECS's rates (a token every 4.4 s),
 * so the bucket cannot refill during the burst: every DeregisterTaskDefinition local-ecs counts
 * before the last push is applied would have been one of the applies' own.
 */
class ServeCleanUpAfterApplyTest {
    private static final String CLUSTER = "r000";
    private static final String IMAGE = "gliderlabs/logspout:v3.2.";
    private static final int PUSHES = 5;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pushesInABurstAreAppliedWithoutCleanUpCallsAndCleanUpFollowsNamingTheForwarder(@TempDir Path dir) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION)
                .cluster(CLUSTER + "-ecs", 1);
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"));
             EcsClient sdk = EcsClients.of(ecs.endpoint(), Fleet.REGION)) {
            String seed = git.commit(fleet(1), "v3.2.1");
            try (ServeProcess serve = ServeLaunch.of(git.uri(), ecs.endpoint(), dir.resolve("data")).env(Secrets.environment())
                    .env(Map.of("JAVA_TOOL_OPTIONS", "-Dlogship.ecs.timeScale=0.25")) // ECS pacing at a quarter of its rates
                    .options("--poll-interval", "1h", "--resync-interval", "1h").start()) {
                Waits.until("the seed is applied", Duration.ofSeconds(60), () -> serve.allSynced(List.of(CLUSTER), seed));
                Map<String, Long> before = ecs.callCounts();
                List<String> pushed = new ArrayList<>();
                for (int patch = 2; patch <= PUSHES + 1; patch++) {
                    String commit = git.commit(fleet(patch), "v3.2." + patch); // commit and push
                    pushed.add(commit);
                    assertThat(serve.webhook(commit)).isEqualTo(202);
                    Waits.pause(Duration.ofMillis(200)); // the burst's pace: pushes 200 ms apart, none waiting for an apply
                }
                String last = pushed.get(pushed.size() - 1);
                Waits.until("the last push is applied", Duration.ofSeconds(90), () -> serve.allSynced(List.of(CLUSTER), last));
                Map<String, Long> burst = delta(before, ecs.callCounts());

                // Each applied push registered its revision, and no apply spent a token on clean-up.
                List<String> applied = appliedRevisions(serve).stream().filter(pushed::contains).toList();
                assertThat(applied).contains(last);
                assertThat(burst.getOrDefault("RegisterTaskDefinition", 0L)).isEqualTo(applied.size());
                assertThat(burst.getOrDefault("DeregisterTaskDefinition", 0L)).isZero();
                assertThat(activeRevisions(sdk)).hasSize(applied.size() + 1);

                // Once the bucket is full again, clean-up deregisters what no workload uses beyond the newest three.
                Waits.until("the clean-up has deregistered the old revisions", Duration.ofSeconds(100),
                        () -> activeRevisions(sdk).size() == 3);
                List<Integer> kept = activeRevisions(sdk);
                assertThat(kept.get(0)).isEqualTo(applied.size() + 1); // the newest, which the service runs, is kept
                JsonNode events = ServeProcess.JSON.readTree(serve.events());
                List<String> deregistered = new ArrayList<>();
                events.forEach(e -> {
                    if (e.path("type").asText().equals("Deregister")) {
                        deregistered.add(e.path("message").asText());
                    }
                });
                assertThat(deregistered).hasSize(applied.size() + 1 - 3).allSatisfy(m -> assertThat(m)
                        .startsWith(CLUSTER + "/papertrail: arn:aws:ecs:" + Fleet.REGION + ":").contains(":task-definition/"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A clean-up still waiting for spare budget when serve is killed (SIGKILL) is kept in the data
     * directory, and the restarted serve runs it: nothing else would, since the restart finds the
     * cluster in sync and applies nothing. Paced at a hundredth of ECS's rates, the bucket never
     * refills before the kill; the restarted serve runs at ECS's rates (one revision a second).
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCleanUpWaitingWhenServeIsKilledRunsAfterTheRestart(@TempDir Path dir) throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION)
                .cluster(CLUSTER + "-ecs", 1);
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"));
             EcsClient sdk = EcsClients.of(ecs.endpoint(), Fleet.REGION)) {
            String commit = git.commit(fleet(1), "v3.2.1");
            ServeLaunch launch = ServeLaunch.of(git.uri(), ecs.endpoint(), dir.resolve("data")).env(Secrets.environment())
                    .env(Map.of("JAVA_TOOL_OPTIONS", "-Dlogship.ecs.timeScale=0.01")) // a token every 100 s: never full again
                    .options("--poll-interval", "1h", "--resync-interval", "1h");
            try (ServeProcess serve = launch.start()) {
                String seed = commit;
                Waits.until("the seed is applied", Duration.ofSeconds(60), () -> serve.allSynced(List.of(CLUSTER), seed));
                for (int patch = 2; patch <= 5; patch++) {
                    String pushed = git.commit(fleet(patch), "v3.2." + patch);
                    assertThat(serve.webhook(pushed)).isEqualTo(202);
                    Waits.until("v3.2." + patch + " is applied", Duration.ofSeconds(60), () -> serve.allSynced(List.of(CLUSTER), pushed));
                    commit = pushed;
                }
                Path kept = dir.resolve("data").resolve(dev.logship.state.CleanupFile.NAME);
                Waits.until("the waiting clean-up is kept on disk", Duration.ofSeconds(30),
                        () -> java.nio.file.Files.exists(kept) && java.nio.file.Files.readString(kept).contains("logship-papertrail"));
                serve.kill();
                assertThat(activeRevisions(sdk)).as("no spare budget before the kill").hasSize(5);
                assertThat(ecs.callCounts().getOrDefault("DeregisterTaskDefinition", 0L)).isZero();

                launch.env(Map.of("JAVA_TOOL_OPTIONS", "-Dlogship.ecs.timeScale=1")); // at ECS's rates: a token a second
                serve.restart();
                String last = commit;
                Waits.until("the restarted serve has deregistered the old revisions", Duration.ofSeconds(90),
                        () -> activeRevisions(sdk).size() == 3);
                assertThat(activeRevisions(sdk)).containsExactly(5, 4, 3);
                assertThat(serve.allSynced(List.of(CLUSTER), last)).isTrue();
                List<String> deregistered = new ArrayList<>();
                ServeProcess.JSON.readTree(serve.events()).forEach(e -> {
                    if (e.path("type").asText().equals("Deregister")) {
                        deregistered.add(e.path("message").asText());
                    }
                });
                assertThat(deregistered).hasSize(2).allSatisfy(m -> assertThat(m).startsWith(CLUSTER + "/papertrail: arn:aws:ecs:"));
            }
        }
    }

    private static Fleet fleet(int patch) {
        return ReliabilityFleets.ofClusters("r", 1, IMAGE + patch, Secrets.ROUTE);
    }

    /** The commits serve reported as applied, oldest first (each from its "Applied" event). */
    private static List<String> appliedRevisions(ServeProcess serve) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode e : ServeProcess.JSON.readTree(serve.events())) {
                if (e.path("type").asText().equals("Applied") && !out.contains(e.path("revision").asText())) {
                    out.add(e.path("revision").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Revision numbers of the forwarder's family still ACTIVE, newest first, asked of local-ecs. */
    private static List<Integer> activeRevisions(EcsClient sdk) {
        return sdk.listTaskDefinitionsPaginator(r -> r.familyPrefix("logship-papertrail").status("ACTIVE")).taskDefinitionArns()
                .stream().map(a -> Integer.parseInt(a.substring(a.lastIndexOf(':') + 1))).sorted(java.util.Comparator.reverseOrder())
                .toList();
    }

    private static Map<String, Long> delta(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> out = new java.util.TreeMap<>();
        to.forEach((action, n) -> out.put(action, n - from.getOrDefault(action, 0L)));
        return out;
    }
}
