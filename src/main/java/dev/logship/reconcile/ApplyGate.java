package dev.logship.reconcile;

import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.Windows;
import java.time.Instant;

/**
 * Whether a cluster may get mutating calls for a revision now: the one rule every run asks
 * before it changes ECS (a function of the cluster's rollout, its rollback target and the clock).
 */
final class ApplyGate {
    private ApplyGate() {}

    /**
     * {@code target}: the cluster's rollback target (null: none); {@code awaitingDisk}: the decision
     * that started or rolled it back is not on disk yet.
     */
    static boolean mayApply(Rollout rollout, RolloutPolicy policy, String cluster, Revision revision,
                            RollbackTargets.Healthy target, boolean awaitingDisk, Instant now) {
        Phase phase = rollout.clusters().get(cluster).phase();
        boolean back = phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK;
        if (back ? target == null || !target.revision().id().equals(revision.id()) : !revision.id().equals(rollout.commit())) {
            return false; // a run that read a commit other than the one this rollout moves
        }
        if (phase == Phase.PENDING || awaitingDisk) {
            return false; // not started, or started by a decision not on disk yet (its trigger comes when it is)
        }
        if (rollout.state() == Rollout.State.HALTED && phase != Phase.ROLLING_BACK) {
            return false; // a halted rollout is frozen: drift is shown, not reverted, until Resume or a new commit
        }
        if (phase == Phase.ROLLING_BACK) {
            return true; // a rollback restores what was Healthy: it does not wait for a sync window
        }
        // a commit (a start, a retry, drift of a settled rollout) is applied only while the sync windows allow
        return rollout.windowOverride() || new Windows(policy.windows(), Rollouts.CRON).allowed(now);
    }
}
