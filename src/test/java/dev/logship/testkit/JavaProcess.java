package dev.logship.testkit;

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
 * tests scan. {@link #kill()} is {@code kill -9}: no shutdown hook runs. One class for every test
 * whose subject is a process of its own (crash, restart, memory), instead of one per package.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    public final Path stdout;
    public final Path stderr;

    private JavaProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static JavaProcess start(Path logDir, String name, Map<String, String> env, List<String> args) {
        return start(logDir, name, env, args, "256m");
    }

    /** {@code heap}: the -Xmx value, e.g. "64m" for a test of behaviour under a small heap. */
    public static JavaProcess start(Path logDir, String name, Map<String, String> env, List<String> args, String heap) {
        List<String> command = new ArrayList<>(mainCommand(heap));
        command.addAll(args);
        return start(command, env, logDir.resolve(name + ".out.log"), logDir.resolve(name + ".err.log"));
    }

    /** java, this -Xmx, C1 only and the serial collector (as bin/logship runs serve), the test classpath and the CLI's main class. */
    public static List<String> mainCommand(String heap) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, "dev.logship.cli.Main");
    }

    /** Any command; stdout and stderr appended to these files (the same file for both gives one interleaved log). */
    public static JavaProcess start(List<String> command, Map<String, String> env, Path out, Path err) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            builder.environment().putAll(env);
            return new JavaProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        await(Duration.ofSeconds(20));
    }

    /** SIGTERM (the JVM runs its shutdown hooks), and wait. */
    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL when it has not exited after {@code grace}. */
    public void stop(Duration grace) {
        process.destroy();
        if (!await(grace)) {
            kill();
        }
    }

    /** Waits for the exit; true when it exited within the timeout. */
    public boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    public String output() {
        try {
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            return stderr.equals(stdout) ? out : out + Files.readString(stderr, StandardCharsets.UTF_8);
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
