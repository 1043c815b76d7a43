package dev.logship.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real bare Git repository on disk (the "Git host") and a working clone that writes, commits
 * and pushes to its main branch with JGit, as a user would. One helper for every test and
 * benchmark that feeds logship a repository, instead of a copy per package; failures are
 * unchecked so call sites stay plain.
 */
public final class ManifestRepo implements AutoCloseable {
    private static final PersonIdent WHO = new PersonIdent("tester", "tester@logship.invalid");
    public final Path bare;
    public final Path work;
    private final Git git;

    private ManifestRepo(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** An empty bare repository at root/remote.git and its clone at root/work, on an unborn main. */
    public static ManifestRepo create(Path root) {
        return create(root.resolve("remote.git"), root.resolve("work"));
    }

    /** A repository at root (as {@link #create(Path)}) whose main holds {@code tree} as its first commit. */
    public static ManifestRepo seeded(Path root, ManifestTree tree) {
        ManifestRepo repo = create(root);
        repo.commit(tree, "seed");
        return repo;
    }

    /** An empty bare repository at {@code bare} and its clone at {@code work}, on an unborn main. */
    public static ManifestRepo create(Path bare, Path work) {
        return call(() -> {
            Git.init().setBare(true).setInitialBranch("main").setGitDir(bare.toFile()).call().close();
            ManifestRepo repo = cloneOf(bare, work);
            repo.git.checkout().setOrphan(true).setName("main").call();
            return repo;
        });
    }

    /** A working clone of an existing bare repository (one seeded by the code under test, say). */
    public static ManifestRepo cloneOf(Path bare, Path work) {
        return call(() -> new ManifestRepo(bare, work,
                Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()));
    }

    /** The bare repository's file URI, as serve's --repo takes it. */
    public String uri() {
        return bare.toUri().toString();
    }

    /** The clone, for what this helper does not cover (tags, branches, resets). */
    public Git git() {
        return git;
    }

    /** The commit id the clone's HEAD is at. */
    public String head() {
        return call(() -> git.getRepository().resolve("HEAD").name());
    }

    /** Writes (or, for a null value, deletes) these files in the clone; nothing is committed. */
    public ManifestRepo write(Map<String, String> files) {
        try {
            for (var entry : files.entrySet()) {
                Path file = work.resolve(entry.getKey());
                if (entry.getValue() == null) {
                    Files.deleteIfExists(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything in the clone (additions, changes, deletions); returns the commit id. */
    public String commitAll(String message) {
        return call(() -> {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call(); // stages deletions too
            return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).setAllowEmpty(true).call().name();
        });
    }

    /** Moves the remote's main to the clone's HEAD (forced: the test owns the remote). */
    public void push() {
        pushRef("+HEAD:refs/heads/main");
    }

    /** Moves the remote's main to {@code commit}, as {@code git push origin <commit>:main}. */
    public void push(String commit) {
        pushRef(commit + ":refs/heads/main");
    }

    /** Moves the remote branch to any commit, older ones too (what {@code git push --force} of an old commit does). */
    public void forcePush(String commit) {
        pushRef("+" + commit + ":refs/heads/main");
    }

    /** Deletes the remote's main. */
    public void deleteBranch() {
        pushRef(":refs/heads/main");
    }

    /** Writes (null deletes) these files, commits and pushes; returns the commit id. */
    public String push(String message, Map<String, String> files) {
        write(files);
        String id = commitAll(message);
        push();
        return id;
    }

    /** Rewrites one file, commits and pushes; returns the commit id. */
    public String change(String path, String content, String message) {
        return push(message, Map.of(path, content));
    }

    /** Makes the clone's manifests exactly this tree (see {@link ManifestTree#writeTo}), commits, pushes; returns the commit id. */
    public String commit(ManifestTree tree, String message) {
        tree.writeTo(work);
        String id = commitAll(message);
        push();
        return id;
    }

    /** Makes the clone's manifests exactly these files (every other .yaml deleted), commits, pushes; returns the commit id. */
    public String commitFiles(Map<String, String> files, String message) {
        return commit(dir -> {
            deleteManifests(dir);
            write(files);
        }, message);
    }

    /** A commit that removes every manifest. */
    public String deleteEverything(String message) {
        return commitFiles(Map.of(), message);
    }

    /** Rewrites one file and commits it without pushing (a scenario that paces pushes prepares its commits first). */
    public String commit(String path, String content, String message) {
        write(Map.of(path, content));
        return commitAll(message);
    }

    /** Commits everything in the clone and pushes it; returns the commit id. */
    public String commitAllAndPush(String message) {
        String id = commitAll(message);
        push();
        return id;
    }

    private static void deleteManifests(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pushRef(String refSpec) {
        call(() -> git.push().setRemote("origin").setRefSpecs(new RefSpec(refSpec)).call());
    }

    private interface GitCall<T> {
        T run() throws GitAPIException, IOException;
    }

    private static <T> T call(GitCall<T> call) {
        try {
            return call.run();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
