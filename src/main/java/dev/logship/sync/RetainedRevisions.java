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

    /**
     * Why the revisions to keep are not all known now, null when they are; clean-up waits meanwhile
     * (after a restart a rollback's target may be known by its commit only, not by its ARNs).
     */
    default String unknownBecause() {
        return null;
    }

    /** {@code of} with {@code unknownBecause}. */
    static RetainedRevisions of(RetainedRevisions of, java.util.function.Supplier<String> unknownBecause) {
        return new RetainedRevisions() {
            @Override
            public Set<String> of(ClusterTarget target, String family) {
                return of.of(target, family);
            }

            @Override
            public String unknownBecause() {
                return unknownBecause.get();
            }
        };
    }

    static RetainedRevisions none() {
        return (target, family) -> Set.of();
    }
}
