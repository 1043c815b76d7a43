package dev.logship.reliability;

import static dev.logship.reliability.ReliabilityFleets.CANARY;
import static dev.logship.reliability.ReliabilityFleets.EARLY;
import static dev.logship.reliability.ReliabilityFleets.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A good commit through every wave, with {@code serve} as its own process on a scaled rollout
 * clock (60x: the policy's 6 min bake passes in 6 s), local-ecs over HTTP, a real push to a
 * bare repository and a signed GitHub webhook. What is checked is what ECS itself recorded:
 * each cluster's deployment from its UpdateService call to its completion. The operator counts a
 * cluster in flight from before that call until after it saw the completion, so ECS's
 * intervals must never overlap more than maxConcurrent, and a wave's first call must come at
 * least the bake time (real: 6 min / 60) after the previous wave's last completion.
 */
class RolloutWavesEndToEndTest {
    private static final double SCALE = 60;
    private static final Duration BAKE = Duration.ofMinutes(6);
    private static final String OLD = "gliderlabs/logspout:v3.2.14";
    private static final String NEW = "gliderlabs/logspout:v3.2.15";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aGoodCommitGoesThroughEveryWaveHonouringMaxConcurrentAndBakeTime(@TempDir Path dir) throws IOException {
        Fleet fleet = ReliabilityFleets.inWaves("6m", "rollback", OLD, CANARY, EARLY, MAIN);
        // Tasks take 1 s to run: a wave started all at once would have all its deployments in flight together.
        LocalEcsConfig.Builder config = fleet.localEcs().taskConvergence(Duration.ofSeconds(1));
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"));
             EcsClient sdk = EcsClients.of(ecs.endpoint(), Fleet.REGION)) {
            String seed = git.commit(fleet, "seed: 10 clusters in 3 waves");
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h", "--max-parallel", "8", "--clock-scale", String.valueOf(SCALE))) {
                Waits.until("the seed is Healthy everywhere", Duration.ofSeconds(120), () -> healthyOn(serve, fleet.clusters(), seed));
                Waits.until("the seed's rollout is done", Duration.ofSeconds(60), () -> rolloutState(serve, seed).equals("DONE"));

                String good = git.commit(fleet.forwarder(fleet.forwarder("logs").image(NEW)), "logspout v3.2.15");
                assertThat(serve.webhook(true)).isEqualTo(202);
                Waits.until("the new commit is Healthy everywhere", Duration.ofSeconds(150),
                        () -> healthyOn(serve, fleet.clusters(), good));
                Waits.until("its rollout is done", Duration.ofSeconds(60), () -> rolloutState(serve, good).equals("DONE"));

                Map<Fleet.Wave, List<RolloutDeployments>> byWave = new java.util.LinkedHashMap<>();
                for (Fleet.Wave w : List.of(CANARY, EARLY, MAIN)) {
                    byWave.put(w, w.clusters().stream().map(c -> RolloutDeployments.of(sdk, c, "v3.2.15")).toList());
                }
                System.out.printf("in flight at most: early %d, main %d; wave gaps %s, %s (bake %s real)%n",
                        RolloutDeployments.maxInFlight(byWave.get(EARLY)), RolloutDeployments.maxInFlight(byWave.get(MAIN)),
                        RolloutDeployments.gap(byWave.get(CANARY), byWave.get(EARLY)),
                        RolloutDeployments.gap(byWave.get(EARLY), byWave.get(MAIN)), Duration.ofNanos((long) (BAKE.toNanos() / SCALE)));
                assertThat(RolloutDeployments.maxInFlight(byWave.get(CANARY))).isEqualTo(1);
                assertThat(RolloutDeployments.maxInFlight(byWave.get(EARLY))).as("early: maxConcurrent 2").isLessThanOrEqualTo(2);
                assertThat(RolloutDeployments.maxInFlight(byWave.get(MAIN))).as("main: maxConcurrent 50% of 6").isLessThanOrEqualTo(3);
                // ECS stamps milliseconds, rounded down: allow 2 ms of it, nothing else
                Duration realBake = Duration.ofNanos((long) (BAKE.toNanos() / SCALE)).minusMillis(2);
                assertThat(RolloutDeployments.gap(byWave.get(CANARY), byWave.get(EARLY))).isGreaterThanOrEqualTo(realBake);
                assertThat(RolloutDeployments.gap(byWave.get(EARLY), byWave.get(MAIN))).isGreaterThanOrEqualTo(realBake);

                // The planner's own account, on its clock: each later wave started at least a bake after the one before was Healthy.
                JsonNode rollout = rolloutOf(serve, good);
                assertThat(rollout.path("counts").path("done").asInt()).isEqualTo(10);
                assertThat(startOf(rollout, 2)).isAfterOrEqualTo(lastHealthy(rollout, 1).plus(BAKE));
                assertThat(startOf(rollout, 3)).isAfterOrEqualTo(lastHealthy(rollout, 2).plus(BAKE));
                // the scaled clock ran: 10 clusters in 3 waves of 6 min bakes took minutes on the planner's clock, seconds in real time
                assertThat(Duration.between(startOf(rollout, 1), lastHealthy(rollout, 3).plus(BAKE))).isGreaterThan(BAKE.multipliedBy(3));
            }
        }
    }

    static boolean healthyOn(ServeProcess serve, List<String> clusters, String revision) {
        JsonNode status = serve.status();
        return clusters.stream().allMatch(name -> {
            for (JsonNode c : status.path("clusters")) {
                if (c.path("name").asText().equals(name)) {
                    return revision.equals(c.path("lastAppliedRevision").asText()) && "Synced".equals(c.path("syncStatus").asText())
                            && "Healthy".equals(c.path("health").asText());
                }
            }
            return false;
        });
    }

    static JsonNode rollouts(ServeProcess serve) {
        try {
            return ServeProcess.JSON.readTree(serve.get("/api/v1/rollouts").body());
        } catch (IOException e) {
            return ServeProcess.JSON.createObjectNode();
        }
    }

    static JsonNode rolloutOf(ServeProcess serve, String commit) {
        return rolloutIn(rollouts(serve), commit);
    }

    /** The rollout of {@code commit} in one answer of /api/v1/rollouts (its clock and counts read together). */
    static JsonNode rolloutIn(JsonNode view, String commit) {
        for (JsonNode r : view.path("rollouts")) {
            if (r.path("commit").asText().equals(commit)) {
                return r;
            }
        }
        return ServeProcess.JSON.createObjectNode();
    }

    static String rolloutState(ServeProcess serve, String commit) {
        return rolloutOf(serve, commit).path("state").asText("");
    }

    /** The first start among the clusters of a wave (1-based), on the planner's clock. */
    private static Instant startOf(JsonNode rollout, int wave) {
        return times(rollout, wave, "startedAt").stream().min(Instant::compareTo).orElseThrow();
    }

    private static Instant lastHealthy(JsonNode rollout, int wave) {
        return times(rollout, wave, "healthySince").stream().max(Instant::compareTo).orElseThrow();
    }

    private static List<Instant> times(JsonNode rollout, int wave, String field) {
        List<Instant> out = new java.util.ArrayList<>();
        for (JsonNode c : rollout.path("clusters")) {
            if (c.path("wave").asInt() == wave) {
                out.add(Instant.parse(c.path(field).asText()));
            }
        }
        return out;
    }
}
