package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ForwarderKey;
import java.util.List;
import java.util.Set;

/**
 * Where serve keeps the revision clean-ups that still wait ({@link RevisionSweeper}), so that a
 * restart runs them instead of leaving old revisions registered: nothing else would ask again
 * (a restart that finds the fleet in sync applies nothing). Saves are handed the whole pending
 * list, the newest wins; they must not wait for the disk, since an apply makes them.
 */
public interface CleanupStore {
    /** One pending clean-up, as {@link RevisionSweeper#request} took it. */
    record Request(ClusterTarget target, boolean daemon, String family, ForwarderKey forwarder, String owner, Set<String> used,
            Set<String> draining) {}

    /** The clean-ups kept by an earlier process (empty when none). */
    List<Request> load();

    /** The pending clean-ups now (empty: none left); written soon, in the background. */
    void save(List<Request> pending);

    /** Writes what was handed last before returning (a clean stop). */
    void flush();

    /** Keeps nothing: the one-shot CLI and tests. */
    CleanupStore NONE = new CleanupStore() {
        @Override
        public List<Request> load() {
            return List.of();
        }

        @Override
        public void save(List<Request> pending) {}

        @Override
        public void flush() {}
    };
}
