package dev.logship.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 1b: pushes 200 ms apart, each with its signed webhook, without waiting for the one
 * before to be applied. A push counts as applied when serve's status shows its commit or a later
 * one as applied (a later push may carry it). Eight pushes: each registers one task definition
 * revision and retires one, so eight fit ECS's task-definition bucket (burst 20) and the figure
 * measures logship, not the bucket.
 */
final class PacedPushes {
    static final String NAME = "1b pushes 200 ms apart";
    private static final long SPACING_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PacedPushes() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        int pushes = Math.min(8, Math.max(3, config.pushes()));
        Fleet fleet = Fleet.large(1, 1);
        Path root = work.resolve("paced");
        List<Double> latencies = new ArrayList<>();
        long fetches;
        try (BenchRepo repo = new BenchRepo(root);
                LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            fleet.write(repo.work);
            String seed = repo.commitAllAndPush("one cluster");
            try (ServeProcess serve = ServeProcess.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 4)) {
                serve.awaitReady(Duration.ofSeconds(60));
                Map<String, Long> appliedAt = new ConcurrentHashMap<>();
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread poller = new Thread(() -> poll(serve, appliedAt, polling), "paced-poller");
                poller.start();
                List<String> commits = new ArrayList<>();
                List<Long> posted = new ArrayList<>();
                long fetchesBefore = fetches(serve);
                long start = System.nanoTime();
                try {
                    for (int i = 0; i < pushes; i++) {
                        long due = start + i * SPACING_MILLIS * 1_000_000;
                        while (System.nanoTime() < due) {
                            Thread.sleep(1); // the push cadence
                        }
                        Map.Entry<String, String> change = fleet.oneFileChange(0, "v3.4." + i);
                        commits.add(repo.change(change.getKey(), change.getValue(), "paced push " + i));
                        posted.add(System.nanoTime());
                        if (serve.githubPush(commits.get(i)).statusCode() != 202) {
                            throw new IllegalStateException("webhook not accepted");
                        }
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!appliedAt.containsKey(commits.get(pushes - 1))) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the last paced push was not applied within 30 s");
                        }
                        Thread.sleep(5); // polling step of a wait-until with a deadline
                    }
                } finally {
                    polling.set(false);
                    poller.join();
                }
                fetches = fetches(serve) - fetchesBefore;
                for (int i = 0; i < pushes; i++) {
                    long first = Long.MAX_VALUE;
                    for (int j = i; j < pushes; j++) {
                        first = Math.min(first, appliedAt.getOrDefault(commits.get(j), Long.MAX_VALUE));
                    }
                    latencies.add((first - posted.get(i)) / 1e6);
                }
                appliedAt.remove(seed);
            }
        }
        return List.of(
                Row.p95Target(NAME, "webhook posted -> status shows it applied (" + pushes + " pushes)", " ms", new Stats(latencies),
                        300.0, "p95 < 300 ms"),
                Row.info(NAME, "fetches for " + pushes + " pushes", String.valueOf(fetches)));
    }

    /** Records when each commit first shows as applied on the one cluster; 2 ms steps. */
    private static void poll(ServeProcess serve, Map<String, Long> appliedAt, AtomicBoolean polling) {
        while (polling.get()) {
            try {
                JsonNode cluster = JSON.readTree(serve.get("/api/v1/status").body()).path("clusters").path(0);
                String applied = cluster.path("lastAppliedRevision").asText("");
                if (!applied.isEmpty()) {
                    appliedAt.putIfAbsent(applied, System.nanoTime());
                }
                Thread.sleep(2); // polling step
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    /** Fetches serve made so far, from its own Prometheus histogram. */
    private static long fetches(ServeProcess serve) throws Exception {
        long total = 0;
        for (String line : serve.get("/metrics").body().split("\n")) {
            if (line.startsWith("logship_git_fetch_duration_seconds_count")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
