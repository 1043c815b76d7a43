package dev.logship.cli;

import dev.logship.manifest.DirectoryReader;
import dev.logship.model.Snapshot;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import java.nio.file.Path;

/** A plain directory of manifests as a {@link ManifestSource} (for plan/apply on a checkout). */
final class DirectoryManifestSource implements ManifestSource {
    private final Path root;
    /** Keys the revision id (see {@link RevisionKeys}); null: this process's random key. */
    private final byte[] key;

    DirectoryManifestSource(Path root) {
        this(root, null);
    }

    DirectoryManifestSource(Path root, byte[] key) {
        this.root = root;
        this.key = key == null ? null : key.clone();
    }

    @Override
    public Snapshot fetch() throws SourceUnavailableException {
        try {
            return key == null ? DirectoryReader.read(root) : DirectoryReader.read(root, key);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new SourceUnavailableException("DirectoryUnreadable", e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
