package dev.logship.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * The status of one logical cluster, served as it is by the status API: conditions (Ready,
 * Reconciling, Stalled), whether ECS equals Git, health, the revisions attempted and applied,
 * when and how long the last sync took, the pending plan (masked text, only when OutOfSync),
 * the last error and each forwarder.
 */
public record ClusterStatus(String name, String clusterName, String region, SyncStatus syncStatus, String health,
                            String healthMessage, List<Condition> conditions, String lastAttemptedRevision,
                            String lastAppliedRevision, Instant lastSyncTime, Long lastSyncDurationMillis,
                            String lastError, String pendingPlan, List<ForwarderStatus> forwarders) {
    public ClusterStatus {
        conditions = List.copyOf(conditions);
        forwarders = List.copyOf(forwarders);
    }

    /** A cluster known from Git that has not been synced yet. */
    public static ClusterStatus notSyncedYet(String name, String clusterName, String region) {
        return new ClusterStatus(name, clusterName, region, SyncStatus.Unknown, "Unknown", "not observed yet",
                List.of(Condition.unknown(Condition.READY, "Progressing", "waiting for the first sync")),
                null, null, null, null, null, null, List.of());
    }

    /** Whether a sync of this cluster was attempted (the readiness check waits for every cluster). */
    public boolean attempted() {
        return lastSyncTime != null;
    }

    public Condition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    /** This status with each condition keeping {@code previous}'s transition time when its status did not change. */
    public ClusterStatus keepingTransitionsOf(ClusterStatus previous) {
        List<Condition> kept = conditions.stream().map(c -> c.since(previous.condition(c.type()))).toList();
        return new ClusterStatus(name, clusterName, region, syncStatus, health, healthMessage, kept,
                lastAttemptedRevision, lastAppliedRevision, lastSyncTime, lastSyncDurationMillis, lastError,
                pendingPlan, forwarders);
    }
}
