package dev.logship.git;

import dev.logship.manifest.ManifestNames;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the manifests of one commit straight from the object database: blobs, never a working
 * tree, so nothing on disk (and no symlink) is ever followed. Symlinks and submodules under the
 * manifest path are returned as such for validation to report.
 */
final class CommitReader {
    /** A snapshot plus the blob id of each regular file. */
    record Read(Snapshot snapshot, Map<String, String> blobIds) {}

    private CommitReader() {}

    static Read read(Repository repo, ObjectId commitId, String path) throws IOException, SourceUnavailableException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit commit = walk.parseCommit(commitId);
            List<SourceFile> files = new ArrayList<>();
            Map<String, String> blobIds = new TreeMap<>();
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(manifestTree(reader, commit, path));
                tree.setRecursive(true);
                while (tree.next()) {
                    String name = tree.getPathString();
                    FileMode mode = tree.getFileMode(0);
                    ObjectId id = tree.getObjectId(0);
                    if (mode == FileMode.SYMLINK) {
                        files.add(new SourceFile(name, SourceFile.Kind.SYMLINK, reader.open(id).getBytes()));
                    } else if (mode == FileMode.GITLINK) {
                        files.add(new SourceFile(name, SourceFile.Kind.SUBMODULE, id.name().getBytes(StandardCharsets.US_ASCII)));
                    } else if (isManifest(name)) {
                        files.add(SourceFile.file(name, reader.open(id).getBytes()));
                        blobIds.put(name, id.name());
                    }
                }
            }
            Revision revision = new Revision(commit.name(), commit.getShortMessage());
            return new Read(new Snapshot(revision, files), blobIds);
        }
    }

    private static ObjectId manifestTree(ObjectReader reader, RevCommit commit, String path)
            throws IOException, SourceUnavailableException {
        if (path.isEmpty()) {
            return commit.getTree();
        }
        try (TreeWalk at = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (at == null || at.getFileMode(0) != FileMode.TREE) {
                // An empty snapshot would read as "delete everything": refuse instead.
                throw new SourceUnavailableException("PathNotFound", "directory '" + path + "' does not exist at commit "
                        + commit.abbreviate(12).name() + (at == null ? "" : " (it is not a directory)"));
            }
            return at.getObjectId(0);
        }
    }

    static boolean isManifest(String name) {
        return ManifestNames.isManifest(name); // the same rule as a directory's
    }
}
