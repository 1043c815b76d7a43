package dev.logship.reliability;

import static dev.logship.reliability.ReliabilityFleets.CANARY;
import static dev.logship.reliability.ReliabilityFleets.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.cli.Main;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} killed with SIGKILL in the middle of a rollout, while its second wave bakes, and
 * started again on the same {@code --data-dir}: it resumes the rollout where it was. Serve is
 * its own process; local-ecs runs in this JVM so the test counts mutating calls per cluster;
 * the commit arrives by a real Git push and a signed webhook. 10 clusters in 3 waves (canary 1,
 * early 3, main 6), bake time 45 s on a 2x rollout clock (22.5 s real: at 3x a restart slowed
 * by load, 10.9 s at load 14, came too close to the bake's end). The clock's anchor is kept in
 * the data directory, so the restarted serve continues the scaled time the saved bake starts
 * were taken on instead of starting it again.
 */
class RolloutRestartProcessTest {
    private static final Duration BAKE = Duration.ofSeconds(45);
    private static final int SCALE = 2;

    @TempDir
    Path tmp;

    /** The one rollout (one policy) as the API shows it; an empty node while serve does not answer. */
    private static JsonNode rollout(ServeProcess serve) {
        try {
            return ServeProcess.JSON.readTree(serve.get("/api/v1/rollouts").body()).path("rollouts").path(0);
        } catch (java.io.IOException notJsonYet) {
            return ServeProcess.JSON.createObjectNode();
        }
    }

    /** The planner's clock as the API shows it (scaled: what the rollout's times are given in). */
    private static Instant clockNow(JsonNode rollouts) {
        return Instant.parse(rollouts.path("now").asText());
    }

    private static JsonNode rollouts(ServeProcess serve) throws java.io.IOException {
        return ServeProcess.JSON.readTree(serve.get("/api/v1/rollouts").body());
    }

    /** Real milliseconds for a span of the planner's clock. */
    private static long realMillis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / SCALE;
    }

    /** cluster -> its run (wave, phase, times) in the rollout as the API shows it. */
    private static Map<String, JsonNode> runs(JsonNode rollout) {
        Map<String, JsonNode> runs = new HashMap<>();
        rollout.path("clusters").forEach(c -> runs.put(c.path("cluster").asText(), c));
        return runs;
    }

    private static boolean phaseIs(JsonNode rollout, String commit, List<String> clusters, String phase) {
        Map<String, JsonNode> runs = runs(rollout);
        return commit.equals(rollout.path("commit").asText())
                && clusters.stream().allMatch(c -> runs.containsKey(c) && phase.equals(runs.get(c).path("phase").asText()));
    }

    private static boolean anyCalls(Map<String, Map<String, Long>> mutating, List<String> clusters) {
        return clusters.stream().anyMatch(mutating::containsKey);
    }

    @Test
    void killedWhileTheSecondWaveBakesServeResumesWithoutRerunningFinishedWavesOrSkippingTheBake() throws Exception {
        List<String> canary = List.of("c01");
        List<String> early = List.of("e01", "e02", "e03");
        List<String> main = List.of("m01", "m02", "m03", "m04", "m05", "m06");
        Fleet fleet = ReliabilityFleets.inWaves("0s", "rollback", Fleet.LOGSPOUT, CANARY, new Fleet.Wave("early", early, null), MAIN)
                .nodesPerCluster(3);
        try (ManifestRepo repo = ManifestRepo.seeded(tmp.resolve("repo"), fleet);
             LocalEcsServer ecs = LocalEcsServer.start(fleet.localEcs().build());
             ServeProcess serve = ServeProcess.start(tmp.resolve("serve"), repo.bare.toString(), ecs.endpoint(), Secrets.environment(),
                     "--poll-interval", "10m", "--resync-interval", "10m", "--clock-scale", String.valueOf(SCALE))) {
            String seed = repo.head();
            Waits.until("the seed's rollout done", Duration.ofSeconds(180), () -> {
                JsonNode r = rollout(serve);
                return seed.equals(r.path("commit").asText()) && "DONE".equals(r.path("state").asText());
            });
            ecs.resetCallCounts();

            String next = repo.commit(fleet.policy(fleet.policy().bakeTime(BAKE.toSeconds() + "s"))
                    .forwarder(fleet.forwarder("logs").image("gliderlabs/logspout:v3.2.15")), "new logspout, 45 s bake");
            assertThat(serve.webhook(next)).isEqualTo(202);
            Waits.until("the early wave bakes", Duration.ofSeconds(180), () -> phaseIs(rollout(serve), next, early, "baking"));

            JsonNode before = rollout(serve);
            // State is saved by a background writer that coalesces saves: a kill in the instant between a
            // cluster starting to bake and that save restarts its bake (safe, but not what this test looks at).
            // So the kill comes once the saved file holds what the API showed.
            Path saved = tmp.resolve("serve").resolve("data").resolve(dev.logship.state.RolloutFile.NAME);
            Map<String, JsonNode> shown = runs(before);
            dev.logship.testkit.Waits.until("the saved state holds the early wave's bake start", Duration.ofSeconds(30), () -> {
                String text = java.nio.file.Files.exists(saved) ? java.nio.file.Files.readString(saved) : "";
                return early.stream().allMatch(c -> text.contains(shown.get(c).path("healthySince").asText()));
            });
            Instant clockAtKill = clockNow(rollouts(serve));
            serve.kill(); // SIGKILL: no shutdown hook, nothing flushed on the way out
            Instant killedAt = Instant.now();
            Map<String, Map<String, Long>> callsAtKill = ecs.mutatingCallCountsByCluster();
            Map<String, JsonNode> runsBefore = runs(before);
            assertThat(runsBefore.get("c01").path("phase").asText()).isEqualTo("done");
            assertThat(callsAtKill).containsKeys("c01", "e01", "e02", "e03");
            assertThat(anyCalls(callsAtKill, main)).as("main wave untouched before the kill: " + callsAtKill).isFalse();
            Instant bakeEnds = early.stream().map(c -> Instant.parse(runsBefore.get(c).path("healthySince").asText()).plus(BAKE))
                    .max(Instant::compareTo).orElseThrow();

            serve.restart();
            Waits.until("the restarted serve shows the rollout of " + next, Duration.ofSeconds(60),
                    () -> next.equals(rollout(serve).path("commit").asText()));
            Instant resumedAt = Instant.now();
            Instant clockAfter = clockNow(rollouts(serve));
            JsonNode resumed = rollout(serve);
            // The clock continued from its anchor: started again it would lie behind the saved times (or jump back to a --clock-start).
            assertThat(clockAfter).as("the planner's clock after the restart").isAfterOrEqualTo(clockAtKill);
            Map<String, JsonNode> runsAfter = runs(resumed);
            // Resumed, not restarted: the finished canary keeps its finish time, the early wave its bake start.
            assertThat(resumed.path("state").asText()).isEqualTo("RUNNING");
            assertThat(runsAfter.get("c01").path("phase").asText()).isEqualTo("done");
            assertThat(runsAfter.get("c01").path("finishedAt").asText()).isEqualTo(runsBefore.get("c01").path("finishedAt").asText());
            for (String c : early) {
                assertThat(runsAfter.get(c).path("startedAt").asText()).as(c).isEqualTo(runsBefore.get(c).path("startedAt").asText());
                assertThat(runsAfter.get(c).path("healthySince").asText()).as(c).isEqualTo(runsBefore.get(c).path("healthySince").asText());
            }
            assertThat(serve.process().output()).contains("resuming the saved rollout of " + next.substring(0, 12));

            // The bake is not skipped: until it ends the main wave gets no call (looked at at least once after the restart).
            int looks = 0;
            // The calls are read before the clock, so a call made before a look is seen by it.
            for (Map<String, Map<String, Long>> calls = ecs.mutatingCallCountsByCluster(); ; calls = ecs.mutatingCallCountsByCluster()) {
                JsonNode now = rollouts(serve);
                if (!clockNow(now).isBefore(bakeEnds.minusSeconds(2L * SCALE))) {
                    break;
                }
                assertThat(anyCalls(calls, main)).as("a main-wave call before the early wave baked").isFalse();
                assertThat(runs(now.path("rollouts").path(0)).get("m01").path("phase").asText()).isEqualTo("pending");
                looks++;
                Thread.sleep(500); // sampling a window that must stay quiet: there is nothing to wait for
            }
            assertThat(looks).as("the restart took longer than the bake (killed at " + killedAt + ", the clock then " + clockAtKill
                    + ", bake ended " + bakeEnds + " on the clock)")
                    .isPositive();

            Waits.until("the main wave applied the new commit", Duration.ofSeconds(180),
                    () -> main.stream().allMatch(c -> next.equals(serve.cluster(c).path("lastAppliedRevision").asText())));
            Map<String, JsonNode> runsLater = runs(rollout(serve));
            for (String c : main) {
                assertThat(Instant.parse(runsLater.get(c).path("startedAt").asText())).as(c + " started after the early wave baked")
                        .isAfterOrEqualTo(bakeEnds);
            }
            Instant firstMainStart = main.stream().map(c -> Instant.parse(runsLater.get(c).path("startedAt").asText()))
                    .min(Instant::compareTo).orElseThrow();
            System.out.printf("restart figures (clock %dx, real ms): kill -> rollout served again %d ms (the planner's clock moved"
                    + " %d clock ms meanwhile); early wave's bake ended %d ms after the kill; first main-wave start %d ms after the bake's"
                    + " end; %d looks at a quiet main wave%n", SCALE, Duration.between(killedAt, resumedAt).toMillis(),
                    Duration.between(clockAtKill, clockAfter).toMillis(), realMillis(clockAtKill, bakeEnds), realMillis(bakeEnds, firstMainStart), looks);
            // No finished or baking wave ran again: their mutating call counts are what they were at the kill.
            Map<String, Map<String, Long>> callsAfter = ecs.mutatingCallCountsByCluster();
            for (String c : List.of("c01", "e01", "e02", "e03")) {
                assertThat(callsAfter.get(c)).as("mutating calls on " + c).isEqualTo(callsAtKill.get(c));
            }
            assertThat(main.stream().allMatch(callsAfter::containsKey)).isTrue();

            // The history, read from the data directory while serve runs, keeps the canary's run from before the kill.
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            assertThat(cli.execute("history", "--data-dir", tmp.resolve("serve/data").toString(), "--cluster", "c01", "--output", "json"))
                    .isZero();
            JsonNode history = ServeProcess.JSON.readTree(out.toString());
            assertThat(history.path("runs").get(0).path("commit").asText()).isEqualTo(next);
            assertThat(history.path("runs").get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(history.path("runs").get(0).path("startedAt").asText()).isEqualTo(runsBefore.get("c01").path("startedAt").asText());
            assertThat(history.path("runs").get(1).path("commit").asText()).isEqualTo(seed);
            assertThat(history.path("lastHealthyCommit").asText()).isEqualTo(next);
        }
    }
}
