package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** What serve does when Git or ECS misbehave: stall on bad manifests, keep the last commit, undo drift. */
class ServeFailureModesTest {
    @TempDir Path tmp;

    @Test
    void anInvalidCommitStallsEveryClusterWithFileAndLineAndLeavesEcsUntouched() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            h.awaitIdle();
            h.ecs.resetCallCounts();

            String bad = h.push("prod/fluent-bit.yaml", y -> y.replace("memory: 128", "memory: lots"), "typo in memory");
            assertThat(h.post("/api/v1/sync", ServeHarness.API_TOKEN).statusCode()).isEqualTo(202);
            Waits.until("prod is stalled", Duration.ofSeconds(20), () -> stalled(h.cluster("prod")));
            h.awaitIdle();

            JsonNode prod = h.cluster("prod");
            JsonNode stalled = condition(prod, "Stalled");
            assertThat(stalled.path("reason").asText()).isEqualTo("ValidationFailed");
            assertThat(stalled.path("message").asText()).contains("prod/fluent-bit.yaml:").containsPattern("fluent-bit\\.yaml:\\d+:\\d+");
            assertThat(prod.path("lastAttemptedRevision").asText()).isEqualTo(bad);
            assertThat(prod.path("lastAppliedRevision").asText()).isEqualTo(seed);
            assertThat(stalled(h.cluster("legacy"))).as("the whole commit stalls, every cluster").isTrue();
            assertThat(h.status().path("source").path("error").asText()).contains("ValidationFailed");
            assertThat(h.ecs.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum())
                    .as("mutating ECS calls after the invalid commit: %s", h.ecs.mutatingCallCounts()).isZero();

            String fixed = h.push("prod/fluent-bit.yaml", y -> y.replace("memory: lots", "memory: 256"), "fix memory");
            h.githubPush("refs/heads/main");
            Waits.until("the fix is applied", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", fixed));
            assertThat(condition(h.cluster("prod"), "Stalled").path("status").asText()).isEqualTo("False");
        }
    }

    @Test
    void aSuspendedClusterIsObservedAndItsPendingPlanShownButNothingIsApplied() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            h.awaitIdle();
            h.ecs.resetCallCounts();
            h.push("prod/cluster.yaml", y -> y + "  suspend: true\n", "suspend prod");
            String changed = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "new route while suspended");
            h.githubPush("refs/heads/main");
            Waits.until("prod shows the pending change", Duration.ofSeconds(20),
                    () -> h.cluster("prod").path("lastAttemptedRevision").asText().equals(changed)
                            && h.cluster("prod").path("syncStatus").asText().equals("OutOfSync"));
            h.awaitIdle();
            JsonNode prod = h.cluster("prod");
            assertThat(condition(prod, "Ready").path("reason").asText()).isEqualTo("Suspended");
            assertThat(prod.path("pendingPlan").asText()).contains("~").contains("papertrail").doesNotContain("23456");
            assertThat(prod.path("lastAppliedRevision").asText()).isEqualTo(seed);
            assertThat(h.ecs.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum())
                    .as("mutating ECS calls while suspended: %s", h.ecs.mutatingCallCounts()).isZero();
        }
    }

    @Test
    void aForcePushToAnOlderCommitIsReportedAndFollowed() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            String newer = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "newer");
            h.githubPush("refs/heads/main");
            Waits.until("the newer commit is applied", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", newer));
            h.work.forcePush(seed);
            h.githubPush("refs/heads/main");
            Waits.until("the older commit is applied again", Duration.ofSeconds(20), () -> h.syncedAndHealthy("prod", seed));
            assertThat(h.get("/api/v1/events").body()).contains("HistoryRewritten").contains("force-push");
        }
    }

    @Test
    void anUnreachableRemoteIsReportedAndTheLastCommitStaysApplied() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            h.awaitIdle();
            Files.move(h.bare, tmp.resolve("moved-away.git"));
            h.ecs.resetCallCounts();

            assertThat(h.post("/api/v1/sync", ServeHarness.API_TOKEN).statusCode()).isEqualTo(202);
            Waits.until("the source reports the failure", Duration.ofSeconds(20),
                    () -> h.status().path("source").path("error").asText().contains("RemoteUnreachable"));
            h.awaitIdle();
            JsonNode status = h.status();
            assertThat(status.path("source").path("error").asText()).contains("still applying " + seed.substring(0, 12));
            assertThat(h.cluster("prod").path("lastAppliedRevision").asText()).isEqualTo(seed);
            assertThat(h.cluster("prod").path("syncStatus").asText()).isEqualTo("Synced");
            assertThat(h.get("/api/v1/events").body()).contains("FetchFailed");
            assertThat(h.ecs.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum())
                    .as("nothing pruned or changed because the source went away").isZero();
        }
    }

    @Test
    void driftMadeDirectlyInEcsIsRevertedWithinOneResync() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofSeconds(1))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            String applied;
            try (EcsClient sdk = h.sdk("us-east-1")) {
                applied = service(sdk).taskDefinition();
                String family = applied.substring(applied.lastIndexOf('/') + 1, applied.lastIndexOf(':'));
                var manual = sdk.registerTaskDefinition(r -> r.family(family).containerDefinitions(
                        c -> c.name("logspout").image("gliderlabs/logspout:hand-edited").memory(64))).taskDefinition();
                sdk.updateService(UpdateServiceRequest.builder().cluster("prod-ecs").service("papertrail")
                        .taskDefinition(manual.taskDefinitionArn()).build());
                assertThat(service(sdk).taskDefinition()).isNotEqualTo(applied);
                long start = System.nanoTime();
                Waits.until("the drift is reverted", Duration.ofSeconds(5), () -> service(sdk).taskDefinition().equals(applied));
                System.out.println("drift reverted " + Duration.ofNanos(System.nanoTime() - start).toMillis()
                        + " ms after the manual change (resync interval 1 s)");
            }
            assertThat(h.get("/api/v1/events").body()).contains("DriftDetected");
            Waits.until("DriftReverted (a Notifier event) follows", Duration.ofSeconds(30),
                    () -> h.get("/api/v1/events").body().contains("\"DriftReverted\""));
        }
    }

    private static software.amazon.awssdk.services.ecs.model.Service service(EcsClient sdk) {
        return sdk.describeServices(DescribeServicesRequest.builder().cluster("prod-ecs").services("papertrail").build())
                .services().get(0);
    }

    private static boolean stalled(JsonNode cluster) {
        return condition(cluster, "Stalled").path("status").asText().equals("True");
    }

    private static JsonNode condition(JsonNode cluster, String type) {
        for (JsonNode c : cluster.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return ServeHarness.JSON.createObjectNode();
    }
}
