package dev.logship.prometheus;

import static org.junit.jupiter.api.Assertions.fail;

import dev.logship.testkit.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's package, 2.42) for a test: its own loopback port, its own storage in
 * the test's directory, a 1 s scrape interval and one job that finds its targets through HTTP
 * service discovery. scripts/install-test-tools.sh installs it, so a missing binary fails the test
 * (as Chromium does) instead of skipping it.
 */
public final class RealPrometheus implements AutoCloseable {
    static final List<Path> PLACES = List.of(Path.of("/usr/bin/prometheus"), Path.of("/usr/local/bin/prometheus"));

    public final int port;
    private final Process process;
    private final Path log;

    private RealPrometheus(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static Path binary() {
        String env = System.getenv("LOGSHIP_PROMETHEUS");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "prometheus"))) {
                return Path.of(dir, "prometheus");
            }
        }
        return PLACES.stream().filter(Files::isExecutable).findFirst().orElseGet(() -> fail(
                "no prometheus binary: run scripts/install-test-tools.sh (apt-get install prometheus) or set LOGSHIP_PROMETHEUS"));
    }

    /** Starts on {@code port} (loopback), scraping what {@code discoveryUrl} lists (asked with {@code bearer}) every second; waits until it is ready. */
    public static RealPrometheus start(Path dir, int port, String discoveryUrl, String bearer) throws IOException {
        return startWith(dir, port, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: logship-forwarders
                    http_sd_configs:
                      - url: %s
                        refresh_interval: 1s
                        authorization: {type: Bearer, credentials: %s}  # 2.42 sends no type unless told
                """.formatted(discoveryUrl, bearer));
    }

    /** Starts with this configuration (YAML) on {@code port} (loopback); waits until it is ready. */
    public static RealPrometheus startWith(Path dir, int port, String yaml) throws IOException {
        Path config = Files.writeString(Files.createDirectories(dir).resolve("prometheus.yml"), yaml);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(port, process, log);
        HttpClient http = HttpClient.newHttpClient();
        Waits.until("Prometheus is ready", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return prometheus;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
