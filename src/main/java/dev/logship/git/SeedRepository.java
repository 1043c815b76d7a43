package dev.logship.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Creates a bare repository with one commit holding a copy of a directory (the demo's repo,
 * seeded from {@code examples/desired-state}). The working clone used to make the commit is
 * removed afterwards; only the bare repository remains.
 */
public final class SeedRepository {
    private SeedRepository() {}

    /** Creates {@code bare} (branch {@code branch}) unless it already exists; returns the commit id of the branch. */
    public static String createIfAbsent(Path bare, String branch, Path seedDir, String message) {
        try {
            if (Files.isDirectory(bare.resolve("objects"))) {
                try (Git git = Git.open(bare.toFile())) {
                    return git.getRepository().resolve("refs/heads/" + branch).name();
                }
            }
            Git.init().setBare(true).setInitialBranch(branch).setGitDir(bare.toFile()).call().close();
            Path work = Files.createTempDirectory("logship-seed");
            try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
                copyTree(seedDir, work);
                clone.add().addFilepattern(".").call();
                PersonIdent who = new PersonIdent("logship demo", "demo@logship.invalid");
                String id = clone.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
                clone.push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
                return id;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository " + bare + ": " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create the repository " + bare + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
