package dev.logship.reconcile;

import dev.logship.rollout.SavedRollouts;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where rollout state and history outlive the process (owned here, by its consumer; serve
 * uses a JSON file in {@code --data-dir}). {@link #load} never throws: an unreadable store is
 * reported by the implementation and read as empty, so a bad file never stops the operator.
 * {@link #save} is called after each change of a rollout's phases, before the clusters it
 * starts are triggered, so a restart never forgets a cluster it already changed.
 */
public interface RolloutStore {
    SavedRollouts load();

    /** Saves now, durably, before returning (a decision that starts or rolls back clusters). */
    void save(SavedRollouts state);

    /**
     * Saves soon (a phase change a restart can re-derive, such as a cluster becoming Healthy):
     * the store may coalesce it with later saves. Never older than a later {@link #save}.
     */
    default void saveSoon(SavedRollouts state) {
        save(state);
    }

    /**
     * Saves durably, then runs {@code afterDurable} (the triggers of a decision that starts or rolls
     * back clusters), without making the caller wait for the disk. A store may run it later, on
     * another thread, and may answer a burst of calls with one write of the newest state; it never
     * runs it before a state at least as new as {@code state} is durable. The default (in memory)
     * saves and runs it at once.
     */
    default void saveThen(SavedRollouts state, Runnable afterDurable) {
        save(state);
        afterDurable.run();
    }

    /** Writes whatever {@link #saveSoon} or {@link #saveThen} still holds and runs what waits for it (serve's shutdown). */
    default void flush() {
    }

    /** Nothing outlives the process (tests, and serve before it had a data directory). */
    static RolloutStore inMemory() {
        AtomicReference<SavedRollouts> held = new AtomicReference<>(SavedRollouts.empty());
        return new RolloutStore() {
            @Override
            public SavedRollouts load() {
                return held.get();
            }

            @Override
            public void save(SavedRollouts state) {
                held.set(state);
            }
        };
    }
}
