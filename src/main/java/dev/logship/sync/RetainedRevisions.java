package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import java.util.Set;

/**
 * Revisions revision clean-up must keep although no service runs them now, for example the
 * revisions a rollback may return to. Asked under the family's lock, once per family clean-up.
 */
@FunctionalInterface
public interface RetainedRevisions {
    /** ARNs of {@code family} (in {@code target}'s region) to keep. */
    Set<String> of(ClusterTarget target, String family);

    static RetainedRevisions none() {
        return (target, family) -> Set.of();
    }
}
