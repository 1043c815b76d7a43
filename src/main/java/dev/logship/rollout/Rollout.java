package dev.logship.rollout;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A commit moving through the clusters of one policy: the state the planner steps and the
 * store persists. {@code windowOverride} is the operator's "ignore sync windows" switch.
 */
public record Rollout(String commit, String policy, Instant createdAt, State state, Map<String, ClusterRun> clusters,
        String haltReason, boolean windowOverride, boolean windowBlockedNotified) {
    public enum State { RUNNING, HALTED, DONE }

    public Rollout {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(state, "state");
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        haltReason = haltReason == null ? "" : haltReason;
    }

    Rollout with(State newState, Map<String, ClusterRun> runs, String reason, boolean blockedNotified) {
        return new Rollout(commit, policy, createdAt, newState, runs, reason, windowOverride, blockedNotified);
    }

    public Rollout withWindowOverride(boolean override) {
        return new Rollout(commit, policy, createdAt, state, clusters, haltReason, override, windowBlockedNotified);
    }

    /** How many clusters are in each phase (every phase present, zero when none). */
    public Map<Phase, Integer> counts() {
        Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            counts.put(p, 0);
        }
        clusters.values().forEach(run -> counts.merge(run.phase(), 1, Integer::sum));
        return counts;
    }

    /** The lowest wave with a cluster not yet done, or -1 when every wave is done. */
    public int currentWave() {
        return clusters.values().stream().filter(r -> r.phase() != Phase.DONE).mapToInt(ClusterRun::wave).min().orElse(-1);
    }
}
