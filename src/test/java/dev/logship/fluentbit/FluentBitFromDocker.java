package dev.logship.fluentbit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The last place {@link FluentBitBinary} looks: where a Docker daemon answers, the binary copied
 * out of the official image (the version logship renders) into target/, once per build, under a
 * file lock so parallel test JVMs copy it once. A copy that does not run here (a library the host
 * lacks) counts as not found.
 */
final class FluentBitFromDocker {
    static final String IMAGE = "fluent/fluent-bit:5.1.1";

    private FluentBitFromDocker() {}

    static Optional<Path> copyOut(Path dir) {
        Path binary = dir.resolve("fluent-bit");
        try {
            if (!runs("docker", "version", "--format", "{{.Server.Version}}")) {
                return Optional.empty(); // no Docker CLI, or no daemon answering
            }
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (!Files.isExecutable(binary)) {
                    copy(binary);
                }
            }
            return runs(binary.toString(), "--version") ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void copy(Path binary) throws IOException, InterruptedException {
        Path output = Files.createTempFile(binary.getParent(), "docker-create", ".txt");
        Process create = new ProcessBuilder("docker", "create", IMAGE).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean created = create.waitFor(5, TimeUnit.MINUTES) && create.exitValue() == 0; // may pull the image
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        if (!created || lines.isEmpty()) {
            return;
        }
        String container = lines.get(lines.size() - 1).trim();
        Path partial = binary.resolveSibling("fluent-bit.partial");
        try {
            if (runs("docker", "cp", container + ":/fluent-bit/bin/fluent-bit", partial.toString())) {
                partial.toFile().setExecutable(true);
                Files.move(partial, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            runs("docker", "rm", "-f", container);
        }
    }

    private static boolean runs(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // not installed
        }
    }
}
