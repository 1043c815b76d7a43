package dev.logship.git;

import dev.logship.testkit.ManifestRepo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/** A real bare "remote" on disk and a clone of it that commits and pushes with JGit, as a user would. */
final class RemoteRepo implements AutoCloseable {
    final Path bare;
    final Path work;
    final Git git;

    RemoteRepo(Path root) throws GitAPIException {
        ManifestRepo repo = ManifestRepo.create(root); // the kit's bare remote and clone; this class adds branches, tags, resets
        bare = repo.bare;
        work = repo.work;
        git = repo.git();
    }

    String uri() {
        return bare.toUri().toString();
    }

    RevCommit commit(String message, Map<String, String> files) throws IOException, GitAPIException {
        for (var entry : files.entrySet()) {
            Path file = work.resolve(entry.getKey());
            if (entry.getValue() == null) {
                Files.delete(file);
                git.rm().addFilepattern(entry.getKey()).call();
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(entry.getKey()).call();
            }
        }
        return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").call();
    }

    RevCommit commitSymlink(String message, String link, String target) throws IOException, GitAPIException {
        Path file = work.resolve(link);
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, Path.of(target));
        git.add().addFilepattern(link).call();
        return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").call();
    }

    void push(String branch) throws GitAPIException {
        git.push().setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
    }

    void forcePush(String branch) throws GitAPIException {
        git.push().setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch)).call();
    }

    void pushTag(String tag) throws GitAPIException {
        git.tag().setName(tag).setAnnotated(true).setMessage("release " + tag).call();
        git.push().setRefSpecs(new RefSpec("refs/tags/" + tag + ":refs/tags/" + tag)).call();
    }

    void branch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
        git.checkout().setName(name).call();
    }

    void checkout(String name) throws GitAPIException {
        git.checkout().setName(name).call();
    }

    void deleteRemoteBranch(String name) throws GitAPIException {
        git.push().setRefSpecs(new RefSpec(":refs/heads/" + name)).call();
    }

    void resetHard(RevCommit to) throws GitAPIException {
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(to.name()).call();
    }

    void setRemoteDefaultBranch(String branch) throws IOException {
        try (Git remote = Git.open(bare.toFile())) {
            RefUpdate update = remote.getRepository().updateRef("HEAD");
            update.link("refs/heads/" + branch);
        }
    }

    File bareDir() {
        return bare.toFile();
    }

    @Override
    public void close() {
        git.close();
    }
}
