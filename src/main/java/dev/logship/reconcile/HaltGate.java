package dev.logship.reconcile;

import dev.logship.diff.ClusterPlan;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Revision;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.HaltRecords;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster run's side of the halt kept on ECS (README "Halts"): it writes the record when the
 * cluster's rollout halts on a commit that changed it (before the rollback moves it), refuses a
 * commit the record names until an operator resumes it, and clears a record a permitted apply
 * has made stale. Serve, apply and a serve with an empty data directory all read the same tags.
 */
final class HaltGate {
    private final ClusterSynchronizer synchronizer;
    private final StatusStore store;
    private final Rollouts rollouts;
    /** Per cluster of a halted rollout, the drift last shown (so it is shown once, not at every resync). */
    private final java.util.Map<String, String> frozenDrift = new ConcurrentHashMap<>();
    /** cluster@revision refusals already reported (one event, not one per resync). */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    HaltGate(ClusterSynchronizer synchronizer, StatusStore store, Rollouts rollouts) {
        this.synchronizer = synchronizer;
        this.store = store;
        this.rollouts = rollouts;
    }

    /** Writes the halt record if the cluster's rollout halted on a commit that changed it; returns the plan to go on with. */
    ClusterPlan recordIfHalted(DesiredCluster desired, ClusterPlan before) {
        if (rollouts == null) {
            return before;
        }
        String name = desired.target().name();
        Optional<DesiredCluster> halted = rollouts.haltToRecord(name);
        if (halted.isEmpty()) {
            return before;
        }
        Revision revision = rollouts.revisionInForce();
        int tagged = synchronizer.recordHalt(halted.get(), revision);
        rollouts.haltRecorded(name, revision.id());
        if (tagged == 0) {
            return before;
        }
        store.record(Event.of(name, "HaltRecorded", revision.shortId() + " is recorded as halted on " + tagged
                + " ECS resource(s) of this cluster: no restart or other logship applies it here again until Resume", revision.id()));
        return synchronizer.plan(desired); // the tags moved: the plan's live side is read again
    }

    /** Whether the plan's live resources refuse {@code revision} (halted here before, not resumed); tells the rollout. */
    boolean refused(DesiredCluster desired, Revision revision, ClusterPlan plan) {
        if (rollouts != null && rollouts.resumed(revision)) {
            return false;
        }
        Optional<String> why = HaltRecords.refusal(plan, revision);
        if (why.isEmpty()) {
            return false;
        }
        String name = desired.target().name();
        if (reported.add(name + "@" + revision.id())) {
            store.record(Event.of(name, "HaltHeld", why.get(), revision.id()));
        }
        if (rollouts != null) {
            rollouts.refusedHere(desired, revision, why.get());
        }
        return true;
    }

    /** After a permitted apply of the commit in force, a halt record of another (or a resumed) commit is stale. */
    void clearStale(DesiredCluster desired, Revision revision, ClusterPlan after) {
        if (rollouts != null && rollouts.revisionInForceIs(revision)) {
            synchronizer.clearHalt(desired, after);
        }
    }

    /**
     * Drift on a cluster of a halted rollout is shown (DriftDetected, once until it changes) and left
     * alone: an operator's manual fix must survive until Resume or a new commit.
     */
    void showFrozenDrift(String name, Revision revision, ClusterPlan before, boolean apply) {
        if (apply || rollouts == null || !before.hasChanges() || !rollouts.frozen(name)) {
            frozenDrift.remove(name);
            return;
        }
        String what = before.changes().stream().filter(c -> c.action().mutates())
                .map(c -> c.action().verb() + " " + c.key().forwarder()).collect(java.util.stream.Collectors.joining(", "));
        if (!what.equals(frozenDrift.put(name, what))) {
            store.record(Event.of(name, "DriftDetected", "ECS differs from " + revision.shortId() + " (" + what
                    + "); left alone: the rollout is halted, so nothing changes here until Resume or a new commit", revision.id()));
        }
    }
}
