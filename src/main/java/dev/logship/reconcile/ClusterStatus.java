package dev.logship.reconcile;

import dev.logship.model.Immutable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The status of one logical cluster, served as it is by the status API: conditions (Ready,
 * Reconciling, Stalled), whether ECS equals Git, health, the revisions attempted and applied,
 * when and how long the last sync took, the pending plan (masked text, only when OutOfSync),
 * the last error, each forwarder, and the cluster's labels (for filters). {@link #getSummary()}
 * says the same in one plain sentence.
 */
public record ClusterStatus(String name, String clusterName, String region, SyncStatus syncStatus, String health,
                            String healthMessage, List<Condition> conditions, String lastAttemptedRevision,
                            String lastAppliedRevision, Instant lastSyncTime, Long lastSyncDurationMillis,
                            String lastError, String pendingPlan, List<ForwarderStatus> forwarders,
                            Map<String, String> labels) {
    public ClusterStatus {
        conditions = List.copyOf(conditions);
        forwarders = List.copyOf(forwarders);
        labels = Immutable.sortedMap(labels);
    }

    /** A cluster known from Git that has not been synced yet. */
    public static ClusterStatus notSyncedYet(String name, String clusterName, String region, Map<String, String> labels) {
        return new ClusterStatus(name, clusterName, region, SyncStatus.Unknown, "Unknown", "not observed yet",
                List.of(Condition.unknown(Condition.READY, "Progressing", "waiting for the first sync")),
                null, null, null, null, null, null, List.of(), labels);
    }

    /** True while the newest commit failed validation (ECS keeps the last applied one). */
    public boolean stalled() {
        Condition stalled = condition(Condition.STALLED);
        return stalled != null && stalled.holds();
    }

    /**
     * One plain sentence: which commit ECS runs and whether that is the newest. A bean-style getter
     * so the status API serves it as {@code summary} without storing it twice.
     */
    public String getSummary() {
        return ClusterSummary.of(this);
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
                pendingPlan, forwarders, labels);
    }
}
