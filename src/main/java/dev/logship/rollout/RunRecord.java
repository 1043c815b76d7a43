package dev.logship.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rollout as one cluster lived it, for its history: the commit and policy, the wave, when
 * the cluster was started and finished, the outcome, and the task definitions
 * ({@code family:revision}) it ran on that commit. {@code rolloutCreatedAt} tells two rollouts
 * of the same commit apart (a push, a revert, the same commit again).
 */
public record RunRecord(String cluster, String commit, String policy, Instant rolloutCreatedAt, int wave,
        Instant startedAt, Instant finishedAt, Outcome outcome, String message, List<String> taskDefinitions) {
    public enum Outcome {
        IN_PROGRESS, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK,
        /** A newer commit replaced the rollout before this cluster finished. */
        SUPERSEDED;

        /** What a cluster's phase means for its history (null: nothing to record yet). */
        static Outcome of(Phase phase) {
            return switch (phase) {
                case PENDING -> null;
                case IN_FLIGHT, BAKING -> IN_PROGRESS;
                case DONE -> SUCCEEDED;
                case FAILED -> FAILED;
                case ROLLING_BACK -> ROLLING_BACK;
                case ROLLED_BACK -> ROLLED_BACK;
            };
        }

        public boolean finished() {
            return this != IN_PROGRESS && this != ROLLING_BACK;
        }
    }

    public RunRecord {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
        taskDefinitions = taskDefinitions == null ? List.of() : List.copyOf(taskDefinitions);
    }

    /** Whether this record and {@code other} are the same cluster's part in the same rollout. */
    boolean sameRollout(RunRecord other) {
        return commit.equals(other.commit) && Objects.equals(rolloutCreatedAt, other.rolloutCreatedAt);
    }

    RunRecord using(List<String> revisions) {
        return new RunRecord(cluster, commit, policy, rolloutCreatedAt, wave, startedAt, finishedAt, outcome, message, revisions);
    }

    RunRecord superseded(Instant now) {
        return new RunRecord(cluster, commit, policy, rolloutCreatedAt, wave, startedAt, now, Outcome.SUPERSEDED,
                "a newer commit replaced this rollout", taskDefinitions);
    }
}
