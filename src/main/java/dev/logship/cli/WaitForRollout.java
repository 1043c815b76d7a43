package dev.logship.cli;

import dev.logship.reconcile.RolloutProgress;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * apply --wait's view of each cluster's rollout, with serve's rule ({@link RolloutProgress}):
 * a cluster that shows no change for the rollout timeout is Degraded, reason RolloutStuck (so
 * no longer settling, and not waited for).
 */
final class WaitForRollout {
    private static final Duration FIRST = Duration.ofSeconds(2);
    private final RolloutProgress progress;
    private final Map<String, Duration> recheckAfter = new HashMap<>();

    WaitForRollout(Duration timeout) {
        this.progress = new RolloutProgress(FIRST, Duration.ofSeconds(60), timeout);
    }

    Duration first() {
        return FIRST;
    }

    Duration recheckAfter(String cluster) {
        return recheckAfter.getOrDefault(cluster, FIRST);
    }

    /** The result as observed, or with its Progressing forwarders Degraded (RolloutStuck) once stuck. */
    SyncResult judge(SyncResult looked) {
        if (looked.clusterHealth().status() != Health.Status.Progressing) {
            progress.settled(looked.cluster());
            recheckAfter.put(looked.cluster(), FIRST);
            return looked;
        }
        RolloutProgress.Verdict verdict = progress.observe(looked.cluster(), looked.health().toString(), Instant.now());
        recheckAfter.put(looked.cluster(), verdict.recheckAfter());
        if (!verdict.stuck()) {
            return looked;
        }
        Map<String, Health> health = new TreeMap<>();
        looked.health().forEach((forwarder, h) -> health.put(forwarder, h.status() != Health.Status.Progressing ? h
                : Health.degraded(RolloutProgress.STUCK_REASON + ": no progress for " + verdict.sinceProgress().toSeconds()
                        + "s (" + h.message() + ")")));
        return new SyncResult(looked.cluster(), looked.steps(), looked.failures(), looked.warnings(), health,
                Health.worst(health.values()));
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
