package dev.logship.reconcile;

import dev.logship.diff.ClusterPlan;
import dev.logship.logging.LogFields;
import dev.logship.model.Revision;
import dev.logship.sync.RevisionSweeper;
import dev.logship.sync.SyncResult;
import java.util.stream.Collectors;

/** The events a cluster run records of what it changed: each step and failure, and drift it is about to undo. */
final class ClusterEvents {
    private final StatusStore store;

    ClusterEvents(StatusStore store) {
        this.store = store;
    }

    /** True when the changes about to be applied undo drift (DriftReverted follows once they succeed). */
    boolean reportDrift(String name, Revision revision, ClusterPlan plan) {
        boolean applied = store.cluster(name).map(s -> revision.id().equals(s.lastAppliedRevision())).orElse(false);
        if (applied) {
            store.record(Event.of(name, "DriftDetected", plan.changes().stream().filter(c -> c.action().mutates())
                    .map(c -> c.action().verb() + " " + c.key().forwarder()).collect(Collectors.joining(", "))
                    + " to undo changes made outside Git", revision.id()));
        }
        return applied;
    }

    void recordSteps(String name, Revision revision, SyncResult result) {
        if (result == null) {
            return;
        }
        result.steps().forEach(s -> record(s.forwarder(), Event.of(name, capitalised(s.action()),
                s.forwarder() + ": " + s.detail() + " (from " + ClusterReconciler.describe(revision) + ")", revision.id())));
        result.failures().forEach(f -> record(f.forwarder(), Event.of(name, "Failed",
                (f.forwarder().isEmpty() ? "" : f.forwarder() + ": ") + f.operation() + ": " + f.message(), revision.id())));
    }

    /**
     * What a revision clean-up did (after the run that asked): each revision removed, naming the
     * forwarder whose apply asked, and each failure; under the cluster's last applied commit.
     */
    void recordCleanUp(RevisionSweeper.Swept swept) {
        String revision = store.cluster(swept.cluster()).map(ClusterStatus::lastAppliedRevision).orElse(null);
        swept.steps().forEach(s -> record(s.forwarder(), Event.of(swept.cluster(), capitalised(s.action()),
                s.forwarder() + ": " + s.detail() + " (no workload uses it any more)", revision)));
        swept.failures().forEach(f -> record(f.forwarder(), Event.of(swept.cluster(), "Failed",
                (f.forwarder().isEmpty() ? "" : f.forwarder() + ": ") + f.operation() + ": " + f.message(), revision)));
    }

    /** Records an event about one forwarder ({@code cluster/forwarder}), whose log line names it as a field too. */
    private void record(String key, Event event) {
        try (LogFields fields = LogFields.with(LogFields.FORWARDER, key.substring(key.indexOf('/') + 1))) {
            store.record(event);
        }
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
