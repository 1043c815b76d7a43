package dev.logship.reconcile;

import dev.logship.diff.ClusterPlan;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Revision;
import dev.logship.sync.Health;
import java.time.Clock;

/**
 * Every cluster of a rollout ends: one that makes no progress for the rollout timeout (the same
 * failure again and again, a missing ECS cluster, no nodes) is Degraded for its rollout
 * (RolloutStuck), which halts the rollout with a notice, instead of holding it in flight forever.
 */
final class StuckInRollout {
    private final RolloutProgress progress;
    private final Rollouts rollouts;
    private final Clock clock;

    StuckInRollout(RolloutProgress progress, Rollouts rollouts, Clock clock) {
        this.progress = progress;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /**
     * One look at a cluster that cannot prove the commit Healthy for {@code reason}; null when its
     * rollout does not wait for it (not started, done, or no rollouts).
     */
    RolloutProgress.Verdict observe(DesiredCluster desired, Revision revision, String reason, String message) {
        String name = desired.target().name();
        if (rollouts == null || !rollouts.proving(name, revision)) {
            return null;
        }
        RolloutProgress.Verdict v = progress.observe(name, revision.id() + " " + reason, clock.instant());
        if (v.stuck()) {
            rollouts.stuck(desired, revision, RolloutProgress.STUCK_REASON + ": no progress for "
                    + StuckRollouts.human(v.sinceProgress()) + " (" + message + ")");
        }
        return v;
    }

    /** A verdict and the health to show with it. */
    record Judged(RolloutProgress.Verdict verdict, Health health) {}

    /**
     * A missing ECS cluster, or one without nodes, never proves the commit Healthy (a canary with 0
     * nodes does not pass its wave): while its rollout waits for it, it is Progressing, then
     * Degraded (RolloutStuck) after the timeout. Null when neither applies.
     */
    Judged whenEmpty(DesiredCluster desired, Revision revision, ClusterPlan after, Health health) {
        if (rollouts == null || (after.clusterExists() && after.activeNodes() > 0) || !rollouts.proving(desired.target().name(), revision)) {
            return null;
        }
        String why = !after.clusterExists() ? health.message() : "no ECS nodes: nothing runs the forwarders";
        RolloutProgress.Verdict v = observe(desired, revision, after.clusterExists() ? "NoNodes" : "ClusterMissing", why);
        Health shown = v.stuck() ? Health.degraded(RolloutProgress.STUCK_REASON + ": no progress for "
                + StuckRollouts.human(v.sinceProgress()) + " (" + why + ")")
                : health.status() == Health.Status.Healthy ? Health.progressing(why) : health;
        return new Judged(v, shown);
    }
}
