package dev.logship.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to follow: {@code repo} (https URL, {@code file://} URL or local path), {@code ref}
 * (branch, tag or commit id; null follows the remote's default branch), {@code path} (the
 * manifest directory inside the repo; empty for the root), where mirrors live, and credentials.
 */
public record GitSourceConfig(String repo, String ref, String path, Path dataDir, GitCredentials credentials,
                              Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public GitSourceConfig {
        if (repo == null || repo.isBlank()) {
            throw new IllegalArgumentException("--repo is required");
        }
        repo = repo.strip();
        ref = ref == null || ref.isBlank() ? null : ref.strip();
        path = normalisePath(path);
        Objects.requireNonNull(dataDir, "dataDir");
        credentials = credentials == null ? GitCredentials.none() : credentials;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public GitSourceConfig(String repo, String ref, String path, Path dataDir, GitCredentials credentials) {
        this(repo, ref, path, dataDir, credentials, DEFAULT_TIMEOUT);
    }

    private static String normalisePath(String path) {
        if (path == null) {
            return "";
        }
        String p = path.strip().replace('\\', '/').replaceAll("/+", "/");
        p = p.replaceAll("^(\\./)+", "").replaceAll("^/|/$", "");
        if (p.equals(".")) {
            return "";
        }
        for (String part : p.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("--path must be a plain directory inside the repository, got '" + path + "'");
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "GitSourceConfig[repo=" + RemoteUrl.redact(repo) + ", ref=" + ref + ", path=" + path
                + ", dataDir=" + dataDir + ", credentials=" + credentials + "]";
    }
}
