package dev.logship.reconcile;

import dev.logship.rollout.SavedRollouts;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rollouts' durable decisions: hands what changed to the {@link RolloutStore} (whose writer
 * thread writes it, not the driver's lock) and holds back every cluster a decision started or
 * rolled back until that decision is on disk, so a crash never leaves a cluster changed that a
 * restart does not know was started. A step that changed nothing builds no snapshot.
 */
final class DurableDecisions {
    private final RolloutStore store;
    private SavedRollouts lastSaved;
    /** Something saved may have changed since {@link #lastSaved}. */
    private boolean dirty;
    /** Clusters (count per cluster) whose starting or rolling-back decision is not on disk yet. */
    private final ConcurrentHashMap<String, Integer> awaitingDisk = new ConcurrentHashMap<>();

    DurableDecisions(RolloutStore store) {
        this.store = store;
        this.lastSaved = store.load();
    }

    /** What was saved before this process started. */
    SavedRollouts loaded() {
        return lastSaved;
    }

    void changed() {
        dirty = true;
    }

    /** Whether the cluster waits for its decision to reach the disk (no mutating call until then). */
    boolean awaitingDisk(String cluster) {
        return awaitingDisk.containsKey(cluster);
    }

    /** Saves what changed, soon; coalesced with later saves (a restart re-derives it). */
    void saveSoon(Supplier<SavedRollouts> snapshot) {
        if (takeChange(snapshot)) {
            store.saveSoon(lastSaved);
        }
    }

    /**
     * Saves what changed and runs {@code triggers} once a snapshot holding it is on disk; until then
     * the {@code clusters} it starts or rolls back get no mutating call.
     */
    void saveThen(Supplier<SavedRollouts> snapshot, List<String> clusters, Runnable triggers) {
        takeChange(snapshot);
        clusters.forEach(c -> awaitingDisk.merge(c, 1, Integer::sum));
        store.saveThen(lastSaved, () -> { // lastSaved is the newest handed in: unchanged, it waits only for that
            clusters.forEach(c -> awaitingDisk.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1));
            triggers.run();
        });
    }

    /** Writes what is pending (serve's shutdown); not under the driver's lock: the callbacks may step the rollouts. */
    void flush() {
        store.flush();
    }

    private boolean takeChange(Supplier<SavedRollouts> snapshot) {
        if (!dirty) {
            return false;
        }
        dirty = false;
        SavedRollouts now = snapshot.get();
        if (now.equals(lastSaved)) {
            return false;
        }
        lastSaved = now;
        return true;
    }
}
