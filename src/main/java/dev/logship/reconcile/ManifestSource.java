package dev.logship.reconcile;

import dev.logship.model.Snapshot;

/**
 * Where desired state comes from (a Git repository, or a plain directory). Owned here, by
 * its consumer; implemented by the {@code git} package.
 */
public interface ManifestSource {

    /**
     * Brings the source up to date and returns the manifest files at the configured ref.
     * Throws {@link SourceUnavailableException} when the source cannot be read (remote
     * unreachable, ref deleted, history rewritten): the caller keeps the last good snapshot.
     */
    Snapshot fetch() throws SourceUnavailableException;

    /**
     * Whether the last successful fetch moved the ref to a commit that does not descend from the
     * previous one (a force-push). Sources without history answer false.
     */
    default boolean lastFetchRewroteHistory() {
        return false;
    }

    /**
     * The manifests of an earlier revision, if the source still has it (a Git commit in the
     * mirror): a rollback target restored after a restart is read again from here. Sources
     * without history answer empty.
     */
    default java.util.Optional<Snapshot> at(String revisionId) {
        return java.util.Optional.empty();
    }

    /** A description safe for logs and status: never contains credentials. */
    String describe();
}
