package dev.logship.git;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether {@code --repo} names a Git repository (then returns a {@link GitSource}) or a
 * plain directory of manifests (left to the caller, which reads it without Git).
 */
public final class SourceFactory {
    private SourceFactory() {}

    /** True for URLs and for local directories that are Git repositories (bare or not). */
    public static boolean isGit(String repo) {
        if (repo.contains("://") || RemoteUrl.isSsh(repo)) {
            return true;
        }
        Path dir = Path.of(repo);
        return Files.isDirectory(dir.resolve(".git")) || Files.isRegularFile(dir.resolve(".git"))
                || (Files.isDirectory(dir.resolve("objects")) && Files.isRegularFile(dir.resolve("HEAD")));
    }

    /** A Git source for {@code repo}; throws IllegalArgumentException for a plain directory or an unsupported URL. */
    public static GitSource open(String repo, String ref, String path, Path dataDir, GitCredentials credentials) {
        if (!isGit(repo)) {
            throw new IllegalArgumentException(repo + " is neither a Git URL nor a Git repository; read it as a directory");
        }
        return new GitSource(new GitSourceConfig(repo, ref, path, dataDir, credentials));
    }
}
