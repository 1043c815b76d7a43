package dev.logship.cli;

import dev.logship.reconcile.ManifestSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code --repo/--ref/--path} into a {@link ManifestSource}. A local directory without
 * {@code --ref} is read as it is on disk (a checkout included); anything else goes to the
 * Git opener, which the {@code git} package plugs in through {@link #gitOpener} (until then
 * a Git URL or a ref is refused with a clear message).
 */
final class ManifestSources {
    /** Opens a Git repository (URL or path) at a ref, with the manifests under a sub-path. */
    interface GitOpener {
        ManifestSource open(String repo, String ref, String path);
    }

    static volatile GitOpener gitOpener = (repo, ref, path) -> {
        throw new IllegalArgumentException("--repo " + safe(repo) + (ref == null ? "" : " --ref " + ref)
                + ": this build reads only local directories (no --ref); pass a directory of manifests");
    };

    private ManifestSources() {}

    static ManifestSource open(String repo, String ref, String path) {
        Path dir = Path.of(repo);
        if (ref == null && Files.isDirectory(dir)) {
            return new DirectoryManifestSource(path == null ? dir : dir.resolve(path).normalize());
        }
        return gitOpener.open(repo, ref, path);
    }

    /** A repository URL without credentials (user:password@ is dropped), safe for messages. */
    static String safe(String repo) {
        return repo == null ? null : repo.replaceAll("//[^/@]*@", "//");
    }
}
