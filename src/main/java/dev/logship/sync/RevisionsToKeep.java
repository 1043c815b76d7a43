package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every revision a clean-up must keep, as known now: what the asking applies used or left
 * draining, what the asking cluster and every other observed cluster of the region run, and what
 * a rollback may return to ({@link RetainedRevisions}). Unknown (nothing is deregistered) while
 * some managed cluster of the region is unobserved, while a clean-up kept from before a restart
 * asks for a cluster this process has not observed yet, and while the rollback targets are known
 * by their commits only.
 */
final class RevisionsToKeep {
    private final RevisionUsage usage;
    private final Supplier<RetainedRevisions> retained;
    /** Clusters asking in a clean-up kept by the process before: their own use is unknown until observed again. */
    private final Set<String> restoredClusters = ConcurrentHashMap.newKeySet();

    RevisionsToKeep(RevisionUsage usage, Supplier<RetainedRevisions> retained) {
        this.usage = usage;
        this.retained = retained;
    }

    /** {@code target} asks in a clean-up kept from before a restart. */
    void restored(ClusterTarget target) {
        restoredClusters.add(target.name());
    }

    /**
     * True for a clean-up kept from before a restart whose cluster is no longer in Git: it will not
     * be observed again, while its services may still run the revisions, so the clean-up is dropped.
     */
    boolean leftGit(ClusterTarget target) {
        return restoredClusters.contains(target.name()) && !usage.seen(target) && !usage.manages(target);
    }

    /** The ARNs of {@code family} to keep, or null while they are not all known. */
    Set<String> of(ClusterTarget target, String family, Set<String> used, Set<String> draining) {
        if (unknownBecause(target) != null) {
            return null;
        }
        RevisionUsage.Elsewhere elsewhere = usage.elsewhere(target);
        Set<String> keep = new HashSet<>(used);
        keep.addAll(draining);
        keep.addAll(usage.of(target));
        keep.addAll(elsewhere.arns());
        keep.addAll(retained.get().of(target, family)); // a rollback's target, for services and daemons alike
        return keep;
    }

    /** Why what to keep is not all known now, null when it is. */
    String unknownBecause(ClusterTarget target) {
        RevisionUsage.Elsewhere elsewhere = usage.elsewhere(target);
        if (!elsewhere.known()) {
            return elsewhere.unknownBecause();
        }
        if (restoredClusters.contains(target.name()) && !usage.seen(target)) {
            return "cluster " + target.name() + " not observed since the restart";
        }
        return retained.get().unknownBecause();
    }
}
