package dev.logship.reconcile;

import dev.logship.model.Revision;
import dev.logship.sync.Health;
import java.util.List;

/** The Ready / Reconciling / Stalled conditions for each way a cluster run can end. */
final class Conditions {
    private Conditions() {}

    static List<Condition> after(boolean suspended, boolean inSync, Health health, String error, Stall stall, Revision revision) {
        if (stall != null) {
            return stalled(stall);
        }
        if (error != null) {
            return failed("ApplyFailed", error, null);
        }
        if (!inSync) {
            return List.of(Condition.isFalse(Condition.READY, suspended ? "Suspended" : "OutOfSync",
                            suspended ? "suspended: changes are pending and will not be applied" : "changes are pending"),
                    Condition.isFalse(Condition.RECONCILING, suspended ? "Suspended" : "OutOfSync", "not applying"),
                    notStalled());
        }
        if (health.status() == Health.Status.Progressing) {
            return List.of(Condition.isFalse(Condition.READY, "Progressing", health.message()),
                    Condition.isTrue(Condition.RECONCILING, "Progressing", "rollout of " + revision.shortId() + " in progress"),
                    notStalled());
        }
        if (health.status() != Health.Status.Healthy) {
            return List.of(Condition.isFalse(Condition.READY, health.status().name(), health.message()),
                    Condition.isFalse(Condition.RECONCILING, "Synced", "ECS equals " + revision.shortId()), notStalled());
        }
        return List.of(Condition.isTrue(Condition.READY, "ReconciliationSucceeded",
                        "applied " + ClusterReconciler.describe(revision) + "; " + health.message()),
                Condition.isFalse(Condition.RECONCILING, "Synced", "ECS equals " + revision.shortId()), notStalled());
    }

    static List<Condition> failed(String reason, String message, Stall stall) {
        if (stall != null) {
            return stalled(stall);
        }
        return List.of(Condition.isFalse(Condition.READY, reason, message),
                Condition.isTrue(Condition.RECONCILING, "RetryingAfterError", "will retry with backoff"), notStalled());
    }

    static List<Condition> stalled(Stall stall) {
        return List.of(Condition.isFalse(Condition.READY, stall.reason(), stall.message()),
                Condition.isFalse(Condition.RECONCILING, stall.reason(), "waiting for a new commit"),
                Condition.isTrue(Condition.STALLED, stall.reason(), stall.message()));
    }

    private static Condition notStalled() {
        return Condition.isFalse(Condition.STALLED, "ReconciliationSucceeded", "");
    }
}
