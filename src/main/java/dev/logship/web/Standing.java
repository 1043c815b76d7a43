package dev.logship.web;

import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.SyncStatus;

/**
 * How bad a cluster looks, worst first: the label of its row, its place in the default order and
 * whether it counts as failing. A cluster waiting for its wave is neutral (its forwarder may not
 * exist yet: that is the plan, not a failure), and a stalled commit is shown once at the top, so
 * both are judged by their own state. Failing = a sync error, Missing (not merely waiting) or
 * Degraded.
 */
record Standing(String label, int rank, boolean failing) {
    static final int FAILING_UP_TO = 2;

    static Standing of(ClusterStatus s, RolloutPlace place) {
        boolean held = place != null && place.state().held();
        if (s.lastError() != null) {
            return at("Error", 0);
        }
        if ("Missing".equals(s.health()) && !held) {
            return at("Missing", 1);
        }
        if ("Degraded".equals(s.health())) {
            return at("Degraded", 2);
        }
        if (place != null && switch (place.state()) { case Failed, RollingBack, RolledBack -> true; default -> false; }) {
            return at(place.state().name(), 3);
        }
        if (held) {
            return at(place.state().name(), 7);
        }
        if (s.syncStatus() == SyncStatus.OutOfSync) {
            return at("OutOfSync", 4);
        }
        if ("Progressing".equals(s.health())) {
            return at("Progressing", 5);
        }
        if (s.syncStatus() == SyncStatus.Unknown || !"Healthy".equals(s.health())) {
            return at("Unknown", 6);
        }
        return at("Healthy", 8);
    }

    private static Standing at(String label, int rank) {
        return new Standing(label, rank, rank <= FAILING_UP_TO);
    }
}
