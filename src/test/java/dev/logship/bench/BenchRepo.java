package dev.logship.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A bare "remote" on disk and a working clone that commits and pushes with JGit, as a user would. */
final class BenchRepo implements AutoCloseable {
    final Path bare;
    final Path work;
    private final Git git;

    BenchRepo(Path root) throws GitAPIException {
        bare = root.resolve("remote.git");
        work = root.resolve("work");
        Git.init().setBare(true).setInitialBranch("main").setGitDir(bare.toFile()).call().close();
        git = Git.cloneRepository().setURI(uri()).setDirectory(work.toFile()).call();
        git.checkout().setOrphan(true).setName("main").call();
    }

    String uri() {
        return bare.toUri().toString();
    }

    /** Commits everything in the working tree and pushes it; returns the commit id. */
    String commitAllAndPush(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        String id = git.commit().setMessage(message).setAuthor("Bench", "bench@example.com")
                .setCommitter("Bench", "bench@example.com").call().name();
        git.push().setRemote("origin").add("main").call();
        return id;
    }

    /** Rewrites one file, commits and pushes. */
    String change(String path, String content, String message) throws IOException, GitAPIException {
        String id = commit(path, content, message);
        git.push().setRemote("origin").add("main").call();
        return id;
    }

    /** Rewrites one file and commits it without pushing (a scenario that paces pushes prepares its commits first). */
    String commit(String path, String content, String message) throws IOException, GitAPIException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git.add().addFilepattern(path).call();
        return git.commit().setMessage(message).setAuthor("Bench", "bench@example.com")
                .setCommitter("Bench", "bench@example.com").call().name();
    }

    /** Pushes {@code commit} (made by {@link #commit}) to the remote's main, as {@code git push origin <commit>:main}. */
    void push(String commit) throws GitAPIException {
        git.push().setRemote("origin").setRefSpecs(new org.eclipse.jgit.transport.RefSpec(commit + ":refs/heads/main")).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
