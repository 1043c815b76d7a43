package dev.logship.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code logship ...} as a separate JVM (the test classpath and {@code dev.logship.cli.Main}, so
 * it runs before {@code mvn package} too), with stdout and stderr appended to log files that the
 * tests scan. {@link #kill()} is {@code kill -9}: no shutdown hook runs.
 */
final class JavaProcess implements AutoCloseable {
    private final Process process;
    final Path stdout;
    final Path stderr;

    private JavaProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static JavaProcess start(Path logDir, String name, Map<String, String> env, List<String> args) {
        return start(logDir, name, env, args, "256m");
    }

    /** {@code heap}: the -Xmx value, e.g. "64m" for a test of behaviour under a small heap. */
    static JavaProcess start(Path logDir, String name, Map<String, String> env, List<String> args, String heap) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", classPath, "dev.logship.cli.Main"));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path out = logDir.resolve(name + ".out.log");
            Path err = logDir.resolve(name + ".err.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            builder.environment().putAll(env);
            return new JavaProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        await(Duration.ofSeconds(20));
    }

    /** SIGTERM (the JVM runs its shutdown hooks), and wait. */
    void stop() {
        process.destroy();
        if (!await(Duration.ofSeconds(30))) {
            kill();
        }
    }

    /** Waits for the exit; true when it exited within the timeout. */
    boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
