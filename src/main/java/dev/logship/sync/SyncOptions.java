package dev.logship.sync;

import java.time.Duration;

/**
 * Tunables of an apply: how many unused revisions per family to keep, and how long a
 * recreate waits for the old service to become INACTIVE before creating the new one.
 */
public record SyncOptions(int keepRevisions, Duration recreateTimeout) {
    public SyncOptions {
        if (keepRevisions < 1) {
            throw new IllegalArgumentException("keepRevisions must be at least 1, got " + keepRevisions);
        }
    }

    public static SyncOptions defaults() {
        return new SyncOptions(3, Duration.ofMinutes(5));
    }
}
