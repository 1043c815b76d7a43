package dev.logship.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the planner decided at one instant: the rollout's next state, the clusters reconcile
 * may change now (apply the new commit), those it must return to their last Healthy commit,
 * what to tell people, when to look again and at which clusters ({@code wake}: those whose bake
 * ends then, or one that may start when a sync window opens), and until when a window blocks starts.
 */
public record Decision(Rollout rollout, List<String> apply, List<String> rollBack, List<Notice> notices,
        Optional<Instant> wakeAt, List<String> wake, Optional<Instant> blockedUntil) {
    public Decision {
        apply = List.copyOf(apply);
        rollBack = List.copyOf(rollBack);
        notices = List.copyOf(notices);
        wake = List.copyOf(wake);
    }

    /** Whether this cluster may receive a mutating call for the rollout's commit now or earlier in it. */
    public boolean mayChange(String cluster) {
        ClusterRun run = rollout.clusters().get(cluster);
        return run != null && run.phase() != Phase.PENDING;
    }
}
