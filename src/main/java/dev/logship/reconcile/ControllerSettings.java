package dev.logship.reconcile;

import java.time.Duration;

/**
 * How often and how widely the controller works. {@code pollInterval}: fetch the source even
 * without a webhook; {@code resyncInterval}: re-observe every cluster without a new commit
 * (drift); {@code sourceMinInterval}: least time between two fetches, so a burst of webhooks
 * makes at most two; {@code recheckInterval}: look again while a rollout is in progress.
 */
public record ControllerSettings(Duration pollInterval, Duration resyncInterval, int maxParallel,
                                 Duration sourceMinInterval, Duration recheckInterval, Backoff clusterBackoff,
                                 Backoff sourceBackoff, int eventCapacity) {
    public ControllerSettings {
        positive(pollInterval, "poll interval");
        positive(resyncInterval, "resync interval");
        positive(recheckInterval, "recheck interval");
        if (maxParallel < 1) {
            throw new IllegalArgumentException("--max-parallel must be at least 1, got " + maxParallel);
        }
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings(Duration.ofSeconds(60), Duration.ofMinutes(5), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(5)),
                Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)), 200);
    }

    public ControllerSettings withIntervals(Duration poll, Duration resync) {
        return new ControllerSettings(poll, resync, maxParallel, sourceMinInterval, recheckInterval, clusterBackoff,
                sourceBackoff, eventCapacity);
    }

    public ControllerSettings withMaxParallel(int parallel) {
        return new ControllerSettings(pollInterval, resyncInterval, parallel, sourceMinInterval, recheckInterval,
                clusterBackoff, sourceBackoff, eventCapacity);
    }

    public ControllerSettings withRecheck(Duration recheck, Backoff backoff) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheck, backoff,
                sourceBackoff, eventCapacity);
    }

    /** Benchmarks of back-to-back pushes may shorten it; a burst of webhooks then costs more fetches. */
    public ControllerSettings withSourceMinInterval(Duration interval) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, interval, recheckInterval, clusterBackoff,
                sourceBackoff, eventCapacity);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
