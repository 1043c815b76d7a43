package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-sentence summary the status API and page show first. */
class ClusterSummaryTest {
    private static final String OLD = "1111111111111111111111111111111111111111";
    private static final String NEW = "2222222222222222222222222222222222222222";

    private static ClusterStatus status(List<Condition> conditions, String attempted, String applied, String error) {
        return new ClusterStatus("prod", "prod-ecs", "us-east-1", SyncStatus.Synced, "Healthy", "3/3 tasks", conditions,
                attempted, applied, Instant.now(), 10L, error, null, List.of(), Map.of());
    }

    @Test
    void aStalledNewestCommitSaysEcsIsOnTheOlderOneNotJustSynced() {
        ClusterStatus s = status(Conditions.stalled(new Stall(NEW, Stall.VALIDATION_FAILED, "bad")), NEW, OLD, null);
        assertThat(s.getSummary()).isEqualTo("Stalled: ECS is on the older commit 111111111111 (Synced, Healthy);"
                + " the newest commit 222222222222 failed validation, so nothing of it is applied.");
    }

    @Test
    void aStalledFirstCommitSaysNothingWasApplied() {
        assertThat(status(Conditions.stalled(new Stall(NEW, Stall.VALIDATION_FAILED, "bad")), NEW, null, null).getSummary())
                .startsWith("Stalled: the newest commit 222222222222 failed validation").endsWith("no earlier commit was applied to ECS.");
    }

    @Test
    void syncedAndFailedSayWhichCommitEcsIsOn() {
        assertThat(status(List.of(), OLD, OLD, null).getSummary()).isEqualTo("Synced: ECS is on 111111111111; Healthy: 3/3 tasks.");
        assertThat(status(List.of(), NEW, OLD, "ECS cluster prod-ecs not found").getSummary())
                .isEqualTo("Sync failed: ECS cluster prod-ecs not found (ECS is on 111111111111; will retry).");
    }

    /** ECS's circuit breaker message ends with its own full stop: the summary does not add a second one. */
    @Test
    void aHealthMessageEndingInAFullStopGetsNoSecondOne() {
        ClusterStatus degraded = new ClusterStatus("prod", "prod-ecs", "us-east-1", SyncStatus.Synced, "Degraded",
                "rollout failed: ECS deployment circuit breaker: tasks failed to start.", List.of(), OLD, OLD, Instant.now(), 10L,
                null, null, List.of(), Map.of());
        assertThat(degraded.getSummary()).endsWith("tasks failed to start.").doesNotContain("..");
    }
}
