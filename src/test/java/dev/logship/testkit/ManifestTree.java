package dev.logship.testkit;

import java.nio.file.Path;

/**
 * A tree of manifests a test builds (a fleet, a few files): whatever can write itself into a
 * directory, so one Git helper and one serve harness take any of them.
 */
@FunctionalInterface
public interface ManifestTree {
    /** Writes the tree into {@code dir}, replacing the manifests it owns there. */
    void writeTo(Path dir);
}
