package dev.logship.manifest;

import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a plain directory of manifests into a {@link Snapshot}, the same shape the Git source
 * produces: manifests ({@link ManifestNames}) at any depth, paths relative with {@code /}.
 * Symlinks are never followed (a link could point outside the tree); they are carried as
 * {@link SourceFile.Kind#SYMLINK} entries so validation reports them. Dot-directories
 * ({@code .git}) are skipped.
 */
public final class DirectoryReader {
    private DirectoryReader() {}

    /** Reads with this process's random key: ids are stable within the process only. */
    public static Snapshot read(Path root) {
        return read(root, KEY);
    }

    /**
     * Reads with {@code key} (an installation's secret, see {@code cli.RevisionKeys}): equal trees give
     * equal revisions in every process holding the same key, so a restart of serve sees the same
     * revision, and no one without the key can test guesses of a route against it.
     */
    public static Snapshot read(Path root, byte[] key) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("manifest directory " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory: expected a directory of *.yaml manifests");
        }
        List<SourceFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = relative(root, file);
                    // A link to a manifest or to a directory would bring content from outside the tree.
                    if (attrs.isSymbolicLink() && (isManifestName(relative) || Files.isDirectory(file))) {
                        files.add(new SourceFile(relative, SourceFile.Kind.SYMLINK, null));
                    } else if (attrs.isRegularFile() && isManifestName(relative)) {
                        files.add(SourceFile.file(relative, Files.readAllBytes(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest directory " + root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(SourceFile::path));
        return new Snapshot(new Revision("dir:" + hash(files, key), root.toString()), files);
    }

    static boolean isManifestName(String path) {
        return ManifestNames.isManifest(path);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /**
     * SHA-256 over a secret key, then sorted (path, kind, content): equal trees give equal
     * revisions under the same key. The revision is shown in status and plans and recorded in a
     * halt's ECS tag while the files may hold literal routes, and a plain hash of a file whose only
     * unknown is a port is undone by trying 65,535 ports; so the hash starts with a key that is
     * never shown: the installation's (kept in its data directory, so a restart sees the same
     * revision) or, without one, {@link #KEY}, random per process.
     */
    private static String hash(List<SourceFile> files, byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(key);
            for (SourceFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.kind().name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.content());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] KEY = randomKey();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
