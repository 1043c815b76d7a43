package dev.logship.rollout;

import java.util.List;
import java.util.Map;

/**
 * What of the rollouts must survive a restart of serve: the rollouts of the commit in force
 * (with each cluster's phase and times, so bake time is neither skipped nor restarted), each
 * cluster's history, the last commit that was Healthy on each cluster (a rollback's target) and
 * the one before it (the target of a cluster already Healthy on the rollout's own commit).
 */
public record SavedRollouts(List<Rollout> rollouts, Map<String, List<RunRecord>> history, Map<String, String> lastHealthyCommits,
        Map<String, String> previousHealthyCommits) {
    public SavedRollouts {
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
        history = history == null ? Map.of() : Map.copyOf(history);
        lastHealthyCommits = lastHealthyCommits == null ? Map.of() : Map.copyOf(lastHealthyCommits);
        previousHealthyCommits = previousHealthyCommits == null ? Map.of() : Map.copyOf(previousHealthyCommits);
    }

    public SavedRollouts(List<Rollout> rollouts, Map<String, List<RunRecord>> history, Map<String, String> lastHealthyCommits) {
        this(rollouts, history, lastHealthyCommits, Map.of());
    }

    public static SavedRollouts empty() {
        return new SavedRollouts(List.of(), Map.of(), Map.of());
    }
}
