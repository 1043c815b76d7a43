package dev.logship.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/** A bare repository on disk (the "Git host") and a working clone that commits and pushes with JGit. */
final class GitRemote implements AutoCloseable {
    final Path bare;
    private final Path workDir;
    private final Git work;

    private GitRemote(Path bare, Path workDir, Git work) {
        this.bare = bare;
        this.workDir = workDir;
        this.work = work;
    }

    static GitRemote create(Path dir) {
        try {
            Path bare = dir.resolve("manifests.git");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Path workDir = dir.resolve("work");
            Git work = Git.init().setInitialBranch("main").setDirectory(workDir.toFile()).call();
            work.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
            return new GitRemote(bare, workDir, work);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return bare.toUri().toString();
    }

    /** Makes the tree exactly the fleet's files (deleting the rest), commits, pushes; returns the commit id. */
    String commit(Fleet fleet, String message) {
        fleet.writeTo(workDir);
        return commitAll(message);
    }

    /** Makes the tree exactly these files (path -> YAML, deleting every other manifest), commits, pushes; returns the commit id. */
    String commitFiles(java.util.Map<String, String> files, String message) {
        try (var old = Files.walk(workDir)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.delete(p);
            }
            for (var e : files.entrySet()) {
                Path p = workDir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commitAll(message);
    }

    /** A commit that removes every manifest. */
    String deleteEverything(String message) {
        try (var files = Files.walk(workDir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commitAll(message);
    }

    private String commitAll(String message) {
        try {
            work.add().addFilepattern(".").call();
            work.add().addFilepattern(".").setUpdate(true).call(); // stages deletions too
            PersonIdent who = new PersonIdent("tester", "tester@logship.invalid");
            String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).setAllowEmpty(true)
                    .call().name();
            work.push().setRemote("origin").setRefSpecs(new RefSpec("+HEAD:refs/heads/main")).call();
            return id;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the remote branch to an older commit (what {@code git push --force} of an old commit does). */
    void forcePush(String commit) {
        try {
            work.push().setRemote("origin").setRefSpecs(new RefSpec("+" + commit + ":refs/heads/main")).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    void deleteBranch() {
        try {
            work.push().setRemote("origin").setRefSpecs(new RefSpec(":refs/heads/main")).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The branch again at {@code commit}. */
    void restoreBranch(String commit) {
        forcePush(commit);
    }

    @Override
    public void close() {
        work.close();
    }
}
