package dev.logship.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code logship serve} as operators run it: a JVM of its own (so its memory and CPU are its
 * own), following a bare repository on disk, talking to a local-ecs, answering on a free port.
 */
final class ServeProcess implements AutoCloseable {
    static final String SECRET = "bench-webhook-secret";
    final Process process;
    final int port;
    final long startedNanos = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path bare;
    private final Path log;

    private ServeProcess(Process process, int port, Path bare, Path log) {
        this.process = process;
        this.port = port;
        this.bare = bare;
        this.log = log;
    }

    static ServeProcess start(Path bare, URI ecs, Path dataDir, Path log, int maxParallel) throws IOException {
        return start(bare, ecs, dataDir, log, maxParallel, Jvm.CURRENT);
    }

    /** As above in a JVM of the given build and flags (a time scale for pacing goes in its flags as -Dlogship.ecs.timeScale). */
    static ServeProcess start(Path bare, URI ecs, Path dataDir, Path log, int maxParallel, Jvm jvm) throws IOException {
        return start(bare, ecs, dataDir, log, maxParallel, jvm, new String[0]);
    }

    /** As above with more serve options (e.g. "--clock-scale", "60"). */
    static ServeProcess start(Path bare, URI ecs, Path dataDir, Path log, int maxParallel, Jvm jvm, String... extra) throws IOException {
        int port = freePort();
        List<String> cmd = new java.util.ArrayList<>(jvm.command(dev.logship.cli.Main.class, "serve", "--repo", bare.toString(), "--ref", "main",
                "--ecs-endpoint", ecs.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString(), "--poll-interval", "60s", "--resync-interval", "5m",
                "--max-parallel", String.valueOf(maxParallel)));
        cmd.addAll(List.of(extra));
        String classpath = System.getProperty("bench.serve.classpath"); // e.g. a build of another branch
        if (classpath != null) {
            cmd.set(cmd.indexOf("-cp") + 1, classpath);
        }
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(jvm.environment());
        builder.environment().put("LOGSHIP_WEBHOOK_SECRET", SECRET);
        return new ServeProcess(builder.start(), port, bare, log);
    }

    long pid() {
        return process.pid();
    }

    /** Milliseconds from process start until /readyz answers 200. */
    double awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + "; its log ends: " + logTail());
            }
            try {
                if (get("/readyz").statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10); // polling interval of a wait-until with a deadline
        }
        throw new IllegalStateException("serve not ready within " + timeout);
    }

    private String logTail() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The push event GitHub sends, signed with the shared secret. */
    HttpResponse<String> githubPush(String after) throws IOException, InterruptedException {
        String body = """
                {"ref":"refs/heads/main","after":"%s",
                 "repository":{"full_name":"bench/manifests","clone_url":"%s"},"pusher":{"name":"bench"}}"""
                .formatted(after, bare.toUri());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + hmac(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: serve finishes in-flight calls and exits
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
