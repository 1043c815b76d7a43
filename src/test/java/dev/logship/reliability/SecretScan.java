package dev.logship.reliability;

import dev.logship.testkit.ServeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for the distinctive {@link Secrets} in every channel logship writes or serves: its
 * processes' stdout and stderr (logs, exception messages, plan/apply output), and serve's status
 * JSON, cluster status, events, page and metrics. local-ecs's own logs are not logship's output
 * (ECS holds the route in the task definition by design) and are skipped.
 */
final class SecretScan {
    private SecretScan() {}

    /** Each leak as "channel: secret"; empty when nothing leaked. */
    static List<String> leaks(Path logDir, ServeProcess serve, List<String> clusters) {
        List<String> leaks = new ArrayList<>();
        if (serve != null) {
            List<String> paths = new ArrayList<>(List.of("/api/v1/status", "/api/v1/events", "/", "/metrics", "/readyz"));
            clusters.forEach(c -> paths.add("/api/v1/clusters/" + c));
            for (String path : paths) {
                Secrets.foundIn(serve.get(path).body()).forEach(s -> leaks.add("GET " + path + ": " + s));
            }
        }
        if (scannedBytes(logDir) == 0) {
            throw new AssertionError("no logship output under " + logDir + " to scan");
        }
        try (var files = Files.list(logDir)) {
            for (Path log : files.filter(p -> !p.getFileName().toString().startsWith("local-ecs")).sorted().toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                Secrets.foundIn(text).forEach(s -> leaks.add(log.getFileName() + ": " + s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaks;
    }

    /** How many bytes of logship output were scanned (for the figures). */
    static long scannedBytes(Path logDir) {
        try (var files = Files.list(logDir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith("local-ecs")).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
