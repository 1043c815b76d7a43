package dev.logship.fuzz;

import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A mutable copy of a manifest tree (path to entry) that mutations edit in place, then turn
 * into the {@link Snapshot} logship reads. Starts from the shipped examples.
 */
final class ManifestTree {
    static final Path EXAMPLES = Path.of("examples/desired-state");

    private final TreeMap<String, SourceFile> entries = new TreeMap<>();

    static ManifestTree examples() {
        ManifestTree tree = new ManifestTree();
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = EXAMPLES.relativize(file).toString().replace('\\', '/');
                tree.put(relative, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    void put(String path, byte[] content) {
        entries.put(path, SourceFile.file(path, content));
    }

    void putSpecial(String path, SourceFile.Kind kind) {
        entries.put(path, new SourceFile(path, kind, null));
    }

    void remove(String path) {
        entries.remove(path);
    }

    List<String> paths() {
        return List.copyOf(entries.keySet());
    }

    /** A random regular file, or null when the tree has none left. */
    String randomFile(Random random) {
        List<String> files = entries.values().stream()
                .filter(e -> e.kind() == SourceFile.Kind.FILE).map(SourceFile::path).toList();
        return files.isEmpty() ? null : files.get(random.nextInt(files.size()));
    }

    boolean isFile(String path) {
        return entries.get(path).kind() == SourceFile.Kind.FILE;
    }

    byte[] bytes(String path) {
        return entries.get(path).content();
    }

    String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    void putText(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    Snapshot snapshot() {
        return new Snapshot(new Revision("fuzz:tree", "fuzz"), new ArrayList<>(entries.values()));
    }

    /** Writes regular files under root (symlink entries are created by the caller as real links). */
    void writeFilesTo(Path root) throws IOException {
        for (SourceFile entry : entries.values()) {
            if (entry.kind() == SourceFile.Kind.FILE) {
                Path target = root.resolve(entry.path());
                Files.createDirectories(target.getParent());
                Files.write(target, entry.content());
            }
        }
    }
}
