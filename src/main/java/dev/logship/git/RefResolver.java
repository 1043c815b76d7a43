package dev.logship.git;

import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the commit to read in the freshly fetched mirror: the remote's default branch when no ref
 * is configured, else a branch, a tag (peeled to its commit) or a commit id, in that order.
 */
final class RefResolver {
    record Resolved(String name, ObjectId commit) {}

    private RefResolver() {}

    /** @param remoteHead the remote's HEAD as advertised (needed only when {@code ref} is null) */
    static Resolved resolve(Repository repo, Ref remoteHead, String ref) throws IOException, SourceUnavailableException {
        String wanted = ref == null ? defaultBranch(repo, remoteHead) : ref;
        for (String candidate : candidates(wanted)) {
            Ref found = repo.exactRef(candidate);
            if (found != null) {
                return new Resolved(candidate, peelToCommit(repo, found.getObjectId(), candidate));
            }
        }
        if (wanted.matches("[0-9a-fA-F]{7,40}")) {
            ObjectId commit = repo.resolve(wanted + "^{commit}");
            if (commit != null) {
                return new Resolved(commit.name(), commit);
            }
        }
        throw FetchFailures.refNotFound(ref == null
                ? "the remote's default branch '" + Repository.shortenRefName(wanted) + "' no longer exists"
                : "ref '" + ref + "' not found on the remote (no such branch, tag or fetched commit)");
    }

    private static String defaultBranch(Repository repo, Ref head) throws IOException, SourceUnavailableException {
        if (head != null && head.isSymbolic()) {
            return head.getTarget().getName();
        }
        if (head != null && head.getObjectId() != null) {
            // No symref capability (old servers): pick the mirrored branch at HEAD's commit, main first.
            for (String name : List.of("refs/heads/main", "refs/heads/master")) {
                Ref r = repo.exactRef(name);
                if (r != null && head.getObjectId().equals(r.getObjectId())) {
                    return name;
                }
            }
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                if (head.getObjectId().equals(r.getObjectId())) {
                    return r.getName();
                }
            }
        }
        throw FetchFailures.refNotFound("the remote has no default branch (empty repository?); set --ref");
    }

    private static List<String> candidates(String ref) {
        if (ref.startsWith(Constants.R_REFS)) {
            return List.of(ref);
        }
        return List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref);
    }

    private static ObjectId peelToCommit(Repository repo, ObjectId id, String name) throws IOException, SourceUnavailableException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevObject object = walk.peel(walk.parseAny(id));
            if (object.getType() != Constants.OBJ_COMMIT) {
                throw FetchFailures.refNotFound("ref '" + name + "' does not point at a commit");
            }
            return object.copy();
        }
    }
}
