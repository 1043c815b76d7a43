package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.LocalEcs;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.RolloutPolicyManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} shows the waves a commit would take: each wave's clusters in order, and which of
 * them would change (the canary applied by hand beforehand would not). Real Git repository,
 * real SDK against local-ecs over HTTP; plan makes no mutating call.
 */
class PlanWavesTest {
    private static final Fleet FLEET = Fleet.inWaves(RolloutPolicyManifest.named("rings", "10m", "rollback"),
            ForwarderManifest.named("logs", "syslog+tls://logs.example.com:12345").image(Fleet.LOGSPOUT),
            new Fleet.Wave("canary", List.of("c01"), "1"), new Fleet.Wave("early", List.of("e01", "e02"), null),
            new Fleet.Wave("main", List.of("m01", "m02", "m03"), "50%")).nodesPerCluster(3);
    /** One local-ecs for the class, reset to the fleet's clusters before each test. */
    @RegisterExtension
    static final LocalEcs ECS = LocalEcs.with(FLEET.localEcs().build());

    @TempDir
    Path tmp;
    private ManifestRepo repo;
    private LocalEcsServer ecs;

    @AfterEach
    void stop() {
        if (repo != null) {
            repo.close();
        }
    }

    private void fleet() throws Exception {
        repo = ManifestRepo.seeded(tmp, FLEET);
        ecs = ECS.server();
        // the canary already runs the commit: the others would change
        CliRun applied = CliRun.of("apply", "--repo", repo.bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(),
                "--cluster", "c01");
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        ecs.resetCallCounts();
    }

    @Test
    void textListsEachWaveInOrderWithTheClustersThatWouldChangeMarked() throws Exception {
        fleet();
        CliRun plan = CliRun.of("plan", "--repo", repo.bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString());

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        String waves = plan.out().substring(plan.out().indexOf("Waves:"));
        assertThat(waves.lines().map(String::strip).toList()).containsSubsequence(
                "Waves: serve rolls " + repo.head().substring(0, 12) + " out in this order (* = would change; the others pass without a call):",
                "policy rings: bakeTime 10m, onFailure rollback",
                "wave 1 canary (maxConcurrent 1): 0 of 1 cluster would change: c01",
                "wave 2 early (maxConcurrent 100%): 2 of 2 clusters would change: e01*, e02*",
                "wave 3 main (maxConcurrent 50%): 3 of 3 clusters would change: m01*, m02*, m03*");
        assertThat(ecs.mutatingCallCountsByCluster()).isEmpty();
    }

    @Test
    void jsonCarriesTheWavesNextToThePlan() throws Exception {
        fleet();
        CliRun plan = CliRun.of("plan", "--repo", repo.bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(), "--output", "json");

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(plan.out());
        assertThat(json.path("clusters")).hasSize(6); // the plan itself is unchanged
        JsonNode policy = json.path("waves").get(0);
        assertThat(policy.path("policy").asText()).isEqualTo("rings");
        assertThat(policy.path("bakeTimeSeconds").asLong()).isEqualTo(600);
        assertThat(policy.path("onFailure").asText()).isEqualTo("rollback");
        List<String> waves = new ArrayList<>();
        for (JsonNode w : policy.path("waves")) {
            StringBuilder line = new StringBuilder(w.path("wave").asInt() + " " + w.path("name").asText() + " " + w.path("maxConcurrent").asText() + ":");
            w.path("clusters").forEach(c -> line.append(' ').append(c.path("cluster").asText()).append(c.path("changes").asBoolean() ? "*" : ""));
            waves.add(line.toString());
        }
        assertThat(waves).containsExactly("1 canary 1: c01", "2 early 100%: e01* e02*", "3 main 50%: m01* m02* m03*");
    }

    @Test
    void oneClusterPlannedShowsOnlyItsWave() throws Exception {
        fleet();
        CliRun plan = CliRun.of("plan", "--repo", repo.bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(), "--cluster", "e02");

        assertThat(plan.out()).contains("wave 2 early (maxConcurrent 100%): 1 of 1 cluster would change: e02*")
                .doesNotContain("wave 1 canary").doesNotContain("wave 3 main");
    }
}
