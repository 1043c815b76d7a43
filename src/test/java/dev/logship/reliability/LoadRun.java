package dev.logship.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load run of the reliability profile ({@code mvn -Preliability verify} runs it after the
 * tests, see RELIABILITY.md): a {@code serve} process syncs 1,000 clusters (1,000 services) into
 * a local-ecs, once unloaded and once while {@code wrk} (loopback only) drives the status API
 * and page at up to ~1,000 requests/s for 30 s. Prints p50/p99 latency, errors and both sync
 * times, writes them to {@code target/reliability/load.txt}, and fails on any error answer.
 */
public final class LoadRun {
    static final int CLUSTERS = Integer.getInteger("logship.loadClusters", 1000);
    static final List<String> NAMES = ReliabilityFleets.names("l", CLUSTERS);

    private LoadRun() {}

    public static void main(String[] args) throws Exception {
        dev.logship.logging.Logging.level("localecs", "warn"); // one line per ECS call is too much at this size
        Path dir = Files.createTempDirectory("logship-load");
        Path script = dir.resolve("mix.lua");
        Files.writeString(script, LUA);
        long unloaded = syncMillis(dir.resolve("unloaded"), null);
        List<String> wrk = new ArrayList<>();
        long loaded = syncMillis(dir.resolve("loaded"), port -> wrk.addAll(startWrk(port, script)));
        String report = summary(unloaded, loaded, String.join("\n", wrk));
        System.out.println(report);
        Path out = Path.of("target", "reliability", "load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n\nwrk output:\n" + String.join("\n", wrk) + "\n");
        if (wrk.stream().anyMatch(l -> l.contains(".lua:"))) {
            throw new AssertionError("wrk could not load its script: " + wrk);
        }
        boolean errors = wrk.stream().anyMatch(l -> l.contains("Non-2xx") || (l.contains("Socket errors") && !l.matches(
                ".*connect 0, read 0, write 0, timeout 0.*")));
        System.exit(errors ? 1 : 0);
    }

    interface Load {
        void start(int port) throws Exception;
    }

    /** Time from serve's start until every cluster shows the commit Synced; {@code load} runs alongside. */
    static long syncMillis(Path dir, Load load) throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION);
        NAMES.forEach(n -> config.cluster(n + "-ecs", 1));
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            String commit = git.commit(ReliabilityFleets.ofClusters("l", CLUSTERS, "gliderlabs/logspout:v3.2.14", Secrets.ROUTE), "load");
            long start = System.nanoTime();
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h")) {
                Thread loader = null;
                if (load != null) {
                    loader = new Thread(() -> {
                        try {
                            // once the status lists every cluster (after the first fetch), so every path exists
                            Waits.until("the status lists every cluster", Duration.ofMinutes(2),
                                    () -> serve.status().path("clusters").size() >= CLUSTERS);
                            load.start(serve.port);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, "wrk");
                    loader.start();
                }
                while (!allSynced(serve, commit)) {
                    Waits.pause(Duration.ofSeconds(1)); // polling 1.5 MB of status: gently
                    if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 20) {
                        throw new AssertionError("1,000 clusters not Synced within 20 minutes");
                    }
                }
                long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
                if (loader != null) {
                    loader.join(TimeUnit.MINUTES.toMillis(2));
                }
                List<String> leaks = SecretScan.leaks(dir.resolve("logs"), serve, NAMES.subList(0, 5));
                if (!leaks.isEmpty()) {
                    throw new AssertionError("secrets leaked: " + leaks);
                }
                return took;
            }
        }
    }

    private static boolean allSynced(ServeProcess serve, String commit) {
        JsonNode clusters = serve.status().path("clusters");
        if (clusters.size() < CLUSTERS) {
            return false;
        }
        for (JsonNode c : clusters) {
            if (!commit.equals(c.path("lastAppliedRevision").asText()) || !"Synced".equals(c.path("syncStatus").asText())) {
                return false;
            }
        }
        return true;
    }

    /** wrk for 30 s: 2 threads, 12 connections each pausing 10 ms between requests (about 1,000/s at most). */
    static List<String> startWrk(int port, Path script) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c12", "-d30s", "--latency", "-s", script.toString(),
                "http://127.0.0.1:" + port).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor(2, TimeUnit.MINUTES);
        return out.lines().toList();
    }

    static String summary(long unloadedMillis, long loadedMillis, String wrk) {
        return "FIGURES load: clusters=" + CLUSTERS + " syncUnloaded=" + unloadedMillis + "ms syncUnderLoad=" + loadedMillis
                + "ms (" + String.format("%+.1f%%", 100.0 * (loadedMillis - unloadedMillis) / unloadedMillis) + ")\n"
                + wrk.lines().filter(l -> l.matches("\\s*(50|99)%.*") || l.startsWith("Requests/sec") || l.contains("requests in")
                || l.contains("Non-2xx") || l.contains("Socket errors")).map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** Mostly the page and one cluster's status, every 20th request the whole status (1,000 clusters). */
    private static final String LUA = """
            counter = 0
            request = function()
              counter = counter + 1
              local r = counter % 20
              if r == 0 then return wrk.format("GET", "/api/v1/status") end
              if r < 10 then return wrk.format("GET", "/") end
              return wrk.format("GET", string.format("/api/v1/clusters/l%03d", counter % %d))
            end
            function delay() return 10 end
            logged = 0
            response = function(status, headers, body)
              if status >= 300 and logged < 5 then
                logged = logged + 1
                io.write("non-2xx: " .. status .. " " .. string.sub(body, 1, 200) .. "\\n")
              end
            end
            """.replace("counter % %d", "counter % " + CLUSTERS);
}
