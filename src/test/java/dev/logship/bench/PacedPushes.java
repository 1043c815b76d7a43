package dev.logship.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 1b: pushes 200 ms apart, each with its signed webhook, without waiting for the one
 * before to be applied; then pushes back to back, each sent as soon as the one before shows
 * applied. A push counts as applied when serve's status shows its commit or a later one as
 * applied (a later push may carry it). Eight pushes per round after three warm-up pushes, each
 * round with its own local-ecs and serve, whose ECS pacing runs 8 times faster ({@link #PACING}). Before the figures
 * above: {@code java -cp <test classpath> -Dbench.serve.classpath=<old classes>:<deps> ...}.
 */
final class PacedPushes {
    static final String NAME = "1b pushes 200 ms apart";
    static final String BACK_TO_BACK = "1b pushes back to back";
    private static final long SPACING_MILLIS = 200;
    private static final int WARM_UP_PUSHES = 3;
    /**
     * serve paces its ECS calls 8 times faster than ECS's documented rates: a round's 11 pushes
     * register and retire about 20 task definitions, past the TaskDefinition bucket's burst (20,
     * 1 per second), and the figure is logship's latency, not that bucket's.
     */
    private static final Jvm PACING = Jvm.CURRENT.withFlags("this build, ECS pacing x8", List.of("-Dlogship.ecs.timeScale=8"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private PacedPushes() {}

    /**
     * One round: per push, webhook posted -> status shows it applied, and webhook posted -> serve
     * accepted it or a later commit (fetched and read: the source path alone, no ECS); the fetches
     * serve made; the spacing the pushes actually had (a loaded machine stretches 200 ms).
     */
    private record Round(List<Double> applied, List<Double> accepted, long fetches, List<Double> spacing) {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        int pushes = Math.min(8, Math.max(3, config.pushes()));
        int rounds = Math.max(1, Math.min(3, config.repeats()));
        List<Double> applied = new ArrayList<>();
        List<Double> accepted = new ArrayList<>();
        List<Double> spacing = new ArrayList<>();
        List<Long> fetches = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Round round = round(work.resolve("paced-" + r), pushes, true);
            applied.addAll(round.applied());
            accepted.addAll(round.accepted());
            spacing.addAll(round.spacing());
            fetches.add(round.fetches());
        }
        Round backToBack = round(work.resolve("back-to-back"), pushes, false);
        String of = " (" + rounds + " x " + pushes + " pushes)";
        return List.of(
                Row.p95Target(NAME, "webhook posted -> status shows it applied" + of, " ms", new Stats(applied), 300.0, "p95 < 300 ms"),
                Row.of(NAME, "   of which webhook posted -> commit fetched and accepted" + of, " ms", new Stats(accepted), "p95", null, ""),
                Row.of(NAME, "   spacing the pushes had", " ms", new Stats(spacing), "minmax", null, "200 ms asked"),
                Row.info(NAME, "fetches per round of " + pushes + " pushes", fetches.toString()),
                Row.of(BACK_TO_BACK, "webhook posted -> applied, each push once the one before was (" + pushes + " pushes)",
                        " ms", new Stats(backToBack.applied()), "p95", null, ""),
                Row.of(BACK_TO_BACK, "   of which webhook posted -> commit fetched and accepted", " ms",
                        new Stats(backToBack.accepted()), "p95", null, ""),
                Row.info(BACK_TO_BACK, "fetches for " + pushes + " pushes", String.valueOf(backToBack.fetches())));
    }

    /** {@code paced}: a push every 200 ms regardless; otherwise each push waits until the one before shows applied. */
    private static Round round(Path root, int pushes, boolean paced) throws Exception {
        Fleet fleet = FleetShapes.large(1, 1);
        List<String> commits = new ArrayList<>();
        List<Long> posted = new ArrayList<>();
        List<Instant> postedAt = new ArrayList<>();
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        Map<String, Instant> acceptedAt = new HashMap<>();
        long fetches;
        try (ManifestRepo repo = ManifestRepo.create(root);
                LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            fleet.writeTo(repo.work);
            String seed = repo.commitAllAndPush("one cluster");
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 4,
                    PACING)) {
                serve.awaitReady(Duration.ofMinutes(5));
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread poller = new Thread(() -> poll(serve, appliedAt, polling), "paced-poller");
                poller.start();
                long fetchesBefore;
                try {
                    awaitApplied(appliedAt, seed); // the startup fetch and apply are not part of the figure
                    warmUp(repo, serve, fleet, appliedAt);
                    for (int i = 0; i < pushes; i++) { // made ahead, so the pace is that of pushes, not of JGit commits
                        Map.Entry<String, String> change = FleetShapes.oneFileChange(0, "v3.4." + i);
                        commits.add(repo.commit(change.getKey(), change.getValue(), "push " + i));
                    }
                    fetchesBefore = fetches(serve);
                    long start = System.nanoTime();
                    for (int i = 0; i < pushes; i++) {
                        if (paced) {
                            long due = start + i * SPACING_MILLIS * 1_000_000;
                            while (System.nanoTime() < due) {
                                Thread.sleep(1); // the push cadence
                            }
                        } else if (i > 0) {
                            awaitApplied(appliedAt, commits.get(i - 1));
                        }
                        repo.push(commits.get(i));
                        posted.add(System.nanoTime());
                        postedAt.add(Instant.now());
                        if (serve.webhook(commits.get(i)) != 202) {
                            throw new IllegalStateException("webhook not accepted");
                        }
                    }
                    awaitApplied(appliedAt, commits.get(pushes - 1));
                } finally {
                    polling.set(false);
                    poller.join();
                }
                fetches = fetches(serve) - fetchesBefore;
                for (JsonNode event : JSON.readTree(serve.get("/api/v1/events").body())) {
                    if (event.path("type").asText().equals("NewRevision")) {
                        acceptedAt.put(event.path("revision").asText(), Instant.parse(event.path("time").asText()));
                    }
                }
            }
        }
        List<Double> applied = new ArrayList<>();
        List<Double> accepted = new ArrayList<>();
        List<Double> spacing = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            long firstApplied = Long.MAX_VALUE;
            Instant firstAccepted = Instant.MAX;
            for (int j = i; j < pushes; j++) { // a later commit carries this one
                firstApplied = Math.min(firstApplied, appliedAt.getOrDefault(commits.get(j), Long.MAX_VALUE));
                Instant at = acceptedAt.getOrDefault(commits.get(j), Instant.MAX);
                firstAccepted = at.isBefore(firstAccepted) ? at : firstAccepted;
            }
            applied.add((firstApplied - posted.get(i)) / 1e6);
            accepted.add(Duration.between(postedAt.get(i), firstAccepted).toNanos() / 1e6);
            if (i > 0) {
                spacing.add((posted.get(i) - posted.get(i - 1)) / 1e6);
            }
        }
        return new Round(applied, accepted, fetches, spacing);
    }

    /**
     * serve runs for weeks; a fresh JVM spends its first pushes compiling the update path (the
     * seed only created services). Pushes applied one at a time, not measured, as in a serve
     * that has seen a few commits.
     */
    private static void warmUp(ManifestRepo repo, ServeProcess serve, Fleet fleet, Map<String, Long> appliedAt) throws Exception {
        for (int i = 0; i < WARM_UP_PUSHES; i++) {
            Map.Entry<String, String> change = FleetShapes.oneFileChange(0, "v3.3." + i);
            String commit = repo.change(change.getKey(), change.getValue(), "warm-up " + i);
            if (serve.webhook(commit) != 202) {
                throw new IllegalStateException("webhook not accepted");
            }
            awaitApplied(appliedAt, commit);
        }
    }

    static void awaitApplied(Map<String, Long> appliedAt, String commit) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!appliedAt.containsKey(commit)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("commit " + commit + " was not applied within 30 s");
            }
            Thread.sleep(2); // polling step of a wait-until with a deadline
        }
    }

    /** Records when each commit first shows as applied on the one cluster; 2 ms steps. */
    static void poll(ServeProcess serve, Map<String, Long> appliedAt, AtomicBoolean polling) {
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
