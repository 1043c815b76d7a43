package dev.logship.git;

import dev.logship.model.Snapshot;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads the manifests of any revision of a local repository, as {@code git rev-parse} names it
 * ({@code origin/main}, {@code HEAD~1}, a tag, a commit id), without fetching or touching the
 * working tree. A pull request's CI job has both of its commits in its checkout already, often
 * only under {@code refs/remotes/} or detached: a mirror of the branches would miss them.
 */
public final class LocalRevisions {
    private LocalRevisions() {}

    /** The manifests under {@code path} at {@code revision}; {@link SourceUnavailableException} names what is missing. */
    public static Snapshot read(Path repository, String revision, String path) throws SourceUnavailableException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(repository.toFile());
        if (builder.getGitDir() == null) {
            throw new SourceUnavailableException("NotAGitRepository", repository + " is not inside a Git repository");
        }
        try (Repository repo = builder.setMustExist(true).build()) {
            ObjectId commit = resolve(repo, revision);
            return CommitReader.read(repo, commit, path == null ? "" : path).snapshot();
        } catch (IOException e) {
            throw new SourceUnavailableException("ReadFailed", "cannot read " + revision + ": " + e.getMessage());
        }
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException, SourceUnavailableException {
        try {
            ObjectId commit = repo.resolve(revision + "^{commit}");
            if (commit != null) {
                return commit;
            }
        } catch (IllegalArgumentException e) { // RevisionSyntaxException among them
            // reported below like any revision that names nothing
        }
        throw new SourceUnavailableException("RefNotFound", "revision '" + revision
                + "' names no commit in this repository (fetch it first, e.g. git fetch origin " + revision + ")");
    }
}
