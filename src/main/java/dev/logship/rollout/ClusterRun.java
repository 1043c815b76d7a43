package dev.logship.rollout;

import java.time.Instant;
import java.util.Objects;

/** One cluster's part in a rollout: its wave, phase and times. Persisted, so it survives a restart. */
public record ClusterRun(String cluster, int wave, Phase phase, boolean changed, Instant startedAt,
        Instant healthySince, Instant finishedAt, String message) {
    public ClusterRun {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
    }

    public static ClusterRun pending(String cluster, int wave) {
        return new ClusterRun(cluster, wave, Phase.PENDING, false, null, null, null, "");
    }

    ClusterRun started(Instant now) {
        return new ClusterRun(cluster, wave, Phase.IN_FLIGHT, true, now, null, null, "");
    }

    ClusterRun unchanged(Instant now) {
        return new ClusterRun(cluster, wave, Phase.DONE, false, now, now, now, "already in sync");
    }

    /** Refused before any change: its resources record that this commit was halted here (nothing to roll back). */
    ClusterRun refused(Instant now, String why) {
        return new ClusterRun(cluster, wave, Phase.FAILED, false, startedAt, null, now, why);
    }

    ClusterRun baking(Instant now) {
        return new ClusterRun(cluster, wave, Phase.BAKING, changed, startedAt, now, null, "");
    }

    ClusterRun to(Phase next, Instant now, String why) {
        Instant finished = next == Phase.DONE || next == Phase.FAILED || next == Phase.ROLLED_BACK ? now : finishedAt;
        Instant healthy = next == Phase.IN_FLIGHT ? null : healthySince;
        return new ClusterRun(cluster, wave, next, changed, startedAt, healthy, finished, why);
    }
}
