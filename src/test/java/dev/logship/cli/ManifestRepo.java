package dev.logship.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/** A real bare Git repository of manifests and a working clone that commits and pushes to it (JGit). */
final class ManifestRepo implements AutoCloseable {
    final Path bare;
    final Path work;
    private final Git git;

    ManifestRepo(Path root) throws GitAPIException {
        bare = root.resolve("remote.git");
        work = root.resolve("work");
        Git.init().setBare(true).setInitialBranch("main").setGitDir(bare.toFile()).call().close();
        git = Git.cloneRepository().setURI(uri()).setDirectory(work.toFile()).call();
        git.checkout().setOrphan(true).setName("main").call();
    }

    String uri() {
        return bare.toUri().toString();
    }

    /** Writes (or, for a null value, deletes) files, commits and pushes to main. */
    void push(String message, Map<String, String> files) throws IOException, GitAPIException {
        for (var entry : files.entrySet()) {
            Path file = work.resolve(entry.getKey());
            if (entry.getValue() == null) {
                git.rm().addFilepattern(entry.getKey()).call();
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(entry.getKey()).call();
            }
        }
        git.commit().setMessage(message).setAuthor("Test", "t@example.com").setCommitter("Test", "t@example.com").call();
        git.push().setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }

    static String cluster(String name, String clusterName) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + name + "\nspec:\n  clusterName: "
                + clusterName + "\n  region: us-east-1\n";
    }

    static String forwarder(String name) {
        return "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: " + name
                + "\nspec:\n  routes:\n    - syslog+tls://logs.example.com:514\n";
    }

    @Override
    public void close() {
        git.close();
    }
}
