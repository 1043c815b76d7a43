package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.SavedRollouts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * After a restart a rollback target is known by its commit id only (rollouts.json keeps no ARNs),
 * so revision clean-up is told that what it must keep is unknown until that rollout is done: it
 * would otherwise take the target's revisions for unused and deregister them.
 */
class RollbackTargetsAfterRestartTest {
    private static final String NEW = "a".repeat(40);
    private static final String OLD = "b".repeat(40);
    private static final String OLDER = "c".repeat(40);

    private static Rollout rollout(Rollout.State state) {
        return new Rollout(NEW, "rings", Instant.parse("2026-12-08T00:00:00Z"), state, Map.of("c01", ClusterRun.pending("c01", 0)),
                "", false, false);
    }

    private static RollbackTargets restored(Map<String, String> last, Map<String, String> previous) {
        return new RollbackTargets(new SavedRollouts(List.of(), Map.of(), last, previous), commit -> Optional.empty());
    }

    @Test
    void aRolloutInProgressWhoseTargetIsKnownByItsCommitOnlyHoldsCleanUp() {
        RollbackTargets targets = restored(Map.of("c01", OLD), Map.of());
        assertThat(targets.unknownBecause(List.of(rollout(Rollout.State.RUNNING))))
                .contains("c01").contains(OLD.substring(0, 12)).contains("known by its commit only");
        assertThat(targets.retained(List.of(rollout(Rollout.State.RUNNING)), "logship-papertrail")).isEmpty();
    }

    @Test
    void aClusterAlreadyHealthyOnTheRolloutsCommitHoldsItForTheCommitBefore() {
        RollbackTargets targets = restored(Map.of("c01", NEW), Map.of("c01", OLDER));
        assertThat(targets.unknownBecause(List.of(rollout(Rollout.State.HALTED)))).contains(OLDER.substring(0, 12));
    }

    @Test
    void aDoneRolloutOrOneWithoutTargetHoldsNothing() {
        assertThat(restored(Map.of("c01", OLD), Map.of()).unknownBecause(List.of(rollout(Rollout.State.DONE)))).isNull();
        assertThat(restored(Map.of(), Map.of()).unknownBecause(List.of(rollout(Rollout.State.RUNNING)))).isNull();
        assertThat(restored(Map.of("c01", NEW), Map.of()).unknownBecause(List.of(rollout(Rollout.State.RUNNING)))).isNull();
    }
}
