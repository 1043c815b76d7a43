package dev.logship.git;

import dev.logship.model.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One successful fetch: the snapshot, the blob id of each manifest file (a cache key for parsed
 * manifests: equal blob id, equal content), the ref it came from, the commit that was current
 * before, and whether the new commit rewrote history (force-push: not a descendant of the previous).
 */
public record FetchOutcome(Snapshot snapshot, Map<String, String> blobIds, String resolvedRef,
                           String previousCommit, boolean historyRewritten, Duration duration) {
    public FetchOutcome {
        blobIds = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(blobIds == null ? Map.of() : blobIds));
    }

    public String commitId() {
        return snapshot.revision().id();
    }

    /** True when the commit differs from the previous fetch's (or there was none). */
    public boolean changed() {
        return previousCommit == null || !previousCommit.equals(commitId());
    }

    public Optional<String> previous() {
        return Optional.ofNullable(previousCommit);
    }
}
