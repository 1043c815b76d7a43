package dev.logship.reconcile;

import dev.logship.render.TelemetryExpected;
import dev.logship.rollout.RolloutClock;
import java.time.Duration;

/**
 * How often and how widely the controller works. {@code pollInterval}: fetch the source even
 * without a webhook; {@code resyncInterval}: re-observe every cluster without a new commit
 * (drift); {@code sourceMinInterval}: least time between two fetch starts for triggers that name
 * no commit (timers, generic webhooks without one), so a burst of those makes at most two; a push
 * webhook naming its commit never waits for it ({@link TriggerQueue}); {@code recheckInterval}
 * doubling up to {@code recheckMax}: look again while a rollout is in progress
 * ({@link RolloutProgress}); {@code rolloutTimeout}: a rollout without progress for this long is
 * Degraded (RolloutStuck); {@code rolloutClock}: the rollout planner's clock (bake times, sync
 * windows), real time unless serve's hidden {@code --clock-scale} or {@code --clock-start} is
 * given; nothing else reads it. {@code discoveryInterval}: list the ClusterSets' accounts and
 * regions again this often ({@code --discovery-interval}). {@code telemetryExpected}: which forwarders
 * must report to the delivery source serve reads (the ingest unless serve reads Prometheus), so
 * that their silence is Silent on the status and bad for a delivery-gated bake.
 */
public record ControllerSettings(Duration pollInterval, Duration resyncInterval, int maxParallel,
                                 Duration sourceMinInterval, Duration recheckInterval, Duration recheckMax,
                                 Duration rolloutTimeout, Backoff clusterBackoff, Backoff sourceBackoff, int eventCapacity,
                                 RolloutClock rolloutClock, Duration discoveryInterval,
                                 TelemetryExpected telemetryExpected) {
    public static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofMinutes(5);
    /** Rechecks back off from {@code recheckInterval} to this many times it (2 s -> 60 s by default). */
    private static final int RECHECK_MAX_FACTOR = 30;

    public ControllerSettings {
        positive(pollInterval, "poll interval");
        positive(resyncInterval, "resync interval");
        positive(recheckInterval, "recheck interval");
        positive(rolloutTimeout, "--rollout-timeout");
        if (recheckMax == null || recheckMax.compareTo(recheckInterval) < 0) {
            throw new IllegalArgumentException("the longest recheck interval must be at least the first, got " + recheckMax);
        }
        rolloutClock = rolloutClock == null ? RolloutClock.system() : rolloutClock;
        discoveryInterval = discoveryInterval == null ? DEFAULT_DISCOVERY_INTERVAL : discoveryInterval;
        positive(discoveryInterval, "--discovery-interval");
        telemetryExpected = telemetryExpected == null ? TelemetryExpected.INGEST : telemetryExpected;
        if (maxParallel < 1) {
            throw new IllegalArgumentException("--max-parallel must be at least 1, got " + maxParallel);
        }
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings(Duration.ofSeconds(60), Duration.ofMinutes(5), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(60), DEFAULT_ROLLOUT_TIMEOUT,
                Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(5)),
                Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)), 200, RolloutClock.system(),
                DEFAULT_DISCOVERY_INTERVAL, TelemetryExpected.INGEST);
    }

    public ControllerSettings withIntervals(Duration poll, Duration resync) {
        return new ControllerSettings(poll, resync, maxParallel, sourceMinInterval, recheckInterval, recheckMax,
                rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, discoveryInterval, telemetryExpected);
    }

    public ControllerSettings withMaxParallel(int parallel) {
        return new ControllerSettings(pollInterval, resyncInterval, parallel, sourceMinInterval, recheckInterval, recheckMax,
                rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, discoveryInterval, telemetryExpected);
    }

    /** First recheck after {@code recheck}, backing off to 30 times it; {@code backoff} after failed runs. */
    public ControllerSettings withRecheck(Duration recheck, Backoff backoff) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheck,
                recheck.multipliedBy(RECHECK_MAX_FACTOR), rolloutTimeout, backoff, sourceBackoff, eventCapacity, rolloutClock,
                discoveryInterval, telemetryExpected);
    }

    public ControllerSettings withRolloutTimeout(Duration timeout) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheckInterval,
                recheckMax, timeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, discoveryInterval, telemetryExpected);
    }

    /** Tests may shorten it; a burst of webhooks that name no commit then costs more fetches. */
    public ControllerSettings withSourceMinInterval(Duration interval) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, interval, recheckInterval, recheckMax,
                rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, discoveryInterval, telemetryExpected);
    }

    /** The rollout planner's clock (a scaled one lets tests pass bake times and windows in seconds). */
    public ControllerSettings withRolloutClock(RolloutClock clock) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheckInterval,
                recheckMax, rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, clock, discoveryInterval, telemetryExpected);
    }

    public ControllerSettings withDiscoveryInterval(Duration interval) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheckInterval,
                recheckMax, rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, interval, telemetryExpected);
    }

    /** Which forwarders must report: serve sets it from the delivery source it reads (Operator). */
    public ControllerSettings withTelemetryExpected(TelemetryExpected rule) {
        return new ControllerSettings(pollInterval, resyncInterval, maxParallel, sourceMinInterval, recheckInterval,
                recheckMax, rolloutTimeout, clusterBackoff, sourceBackoff, eventCapacity, rolloutClock, discoveryInterval, rule);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
