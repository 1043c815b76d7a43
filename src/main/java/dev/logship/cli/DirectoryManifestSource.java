package dev.logship.cli;

import dev.logship.manifest.DirectoryReader;
import dev.logship.model.Snapshot;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import java.nio.file.Path;

/** A plain directory of manifests as a {@link ManifestSource} (for plan/apply on a checkout). */
final class DirectoryManifestSource implements ManifestSource {
    private final Path root;

    DirectoryManifestSource(Path root) {
        this.root = root;
    }

    @Override
    public Snapshot fetch() throws SourceUnavailableException {
        try {
            return DirectoryReader.read(root);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new SourceUnavailableException("DirectoryUnreadable", e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
