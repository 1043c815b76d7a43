package dev.logship.cli;

import dev.logship.git.GitCredentials;
import dev.logship.git.SourceFactory;
import dev.logship.reconcile.ManifestSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code --repo/--ref/--path} into a {@link ManifestSource}. A local directory without
 * {@code --ref} is read as it is on disk (a checkout included, so uncommitted edits can be
 * planned); a Git URL, or any Git repository with {@code --ref}, is read through Git at that
 * ref, mirrored under {@code dataDir}.
 */
final class ManifestSources {
    private ManifestSources() {}

    static ManifestSource open(String repo, String ref, String path, Path dataDir, GitCredentials credentials) {
        Path dir = Path.of(repo.contains("://") ? "." : repo);
        boolean localDirectory = !repo.contains("://") && Files.isDirectory(dir);
        if (localDirectory && ref == null) {
            return new DirectoryManifestSource(path == null ? dir : dir.resolve(path).normalize());
        }
        if (!SourceFactory.isGit(repo)) {
            throw new IllegalArgumentException("--repo " + safe(repo) + (localDirectory
                    ? ": --ref needs a Git repository, and this directory is not one"
                    : ": neither a directory nor a Git repository URL"));
        }
        return SourceFactory.open(repo, ref, path, dataDir, credentials);
    }

    /** A repository URL without credentials (user:password@ is dropped), safe for messages. */
    static String safe(String repo) {
        return repo == null ? null : repo.replaceAll("//[^/@]*@", "//");
    }
}
