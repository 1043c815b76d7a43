package dev.logship.bench;

import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 1c (issue 22, "clean-up never delays an apply"): 20 pushes 200 ms apart, each with its
 * signed webhook, against a local-ecs enforcing ECS's documented token buckets at real speed, and
 * serve pacing at ECS's real rates too (no time scale): each push registers one task definition
 * revision, so the TaskDefinition bucket (20 burst, 1 per second) is what a burst runs into. Before
 * the burst the bucket is given time to refill, so every build starts it full. Per push: webhook
 * posted -> serve's status shows that commit (or a later one carrying it) applied. ECS calls are
 * local-ecs's own counts: during the burst (first webhook to last push applied) and until
 * clean-up has settled (no DeregisterTaskDefinition for {@link #SETTLED}, and at least {@link #REFILL} + {@link #SETTLED}
 * after the last apply: the clean-up waits for a full bucket). {@code -Dbench.cleanupScale=0.5}
 * runs local-ecs's buckets and serve's pacing at half ECS's rates (the same burst then meets the
 * bucket at fewer applies: on a loaded machine serve folds 200 ms pushes into fewer applies).
 */
final class CleanUpBurst {
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.cleanupScale", "1"));
    static final String NAME = "1c 20 pushes 200 ms apart, ECS rates " + Format.number(SCALE) + "x";
    private static final int PUSHES = 20;
    private static final long SPACING_MILLIS = 200;
    /** The TaskDefinition bucket refills 18 tokens (logship's 90% share) at 0.9 per second in 20 s. */
    private static final Duration REFILL = Duration.ofSeconds(22);
    private static final Duration SETTLED = Duration.ofSeconds(15);
    private static final String[] COUNTED = {"RegisterTaskDefinition", "DeregisterTaskDefinition", "UpdateService",
            "ListTaskDefinitions", "DescribeTaskDefinition"};

    private CleanUpBurst() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        Path root = work.resolve("cleanup-burst");
        Fleet fleet = FleetShapes.large(1, 1);
        List<String> commits = new ArrayList<>();
        List<Long> posted = new ArrayList<>();
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        Map<String, Long> atStart;
        Map<String, Long> atLastApplied;
        Map<String, Long> settled;
        long lastAppliedNanos;
        long settledNanos;
        try (ManifestRepo repo = ManifestRepo.create(root); LocalEcsServer ecs = Ecs.start(fleet.nodes(), SCALE)) {
            fleet.writeTo(repo.work);
            String seed = repo.commitAllAndPush("one cluster");
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 4,
                    SCALE == 1 ? Jvm.CURRENT : Jvm.CURRENT.withFlags("ECS pacing x" + SCALE, List.of("-Dlogship.ecs.timeScale=" + SCALE)))) {
                serve.awaitReady(Duration.ofSeconds(60));
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread poller = new Thread(() -> PacedPushes.poll(serve, appliedAt, polling), "burst-poller");
                poller.start();
                try {
                    PacedPushes.awaitApplied(appliedAt, seed);
                    for (int i = 0; i < 3; i++) { // serve's update path compiled, and revisions beyond the kept three exist
                        Map.Entry<String, String> change = FleetShapes.oneFileChange(0, "v3.3." + i);
                        String commit = repo.change(change.getKey(), change.getValue(), "warm-up " + i);
                        serve.webhook(commit);
                        PacedPushes.awaitApplied(appliedAt, commit);
                    }
                    Thread.sleep(Math.round(REFILL.toMillis() / SCALE)); // a deliberate pause: every build starts the burst with a full bucket
                    for (int i = 0; i < PUSHES; i++) {
                        Map.Entry<String, String> change = FleetShapes.oneFileChange(0, "v3.4." + i);
                        commits.add(repo.commit(change.getKey(), change.getValue(), "push " + i));
                    }
                    atStart = ecs.callCounts();
                    long start = System.nanoTime();
                    for (int i = 0; i < PUSHES; i++) {
                        long due = start + i * SPACING_MILLIS * 1_000_000;
                        while (System.nanoTime() < due) {
                            Thread.sleep(1); // the push cadence
                        }
                        repo.push(commits.get(i));
                        posted.add(System.nanoTime());
                        if (serve.webhook(commits.get(i)) != 202) {
                            throw new IllegalStateException("webhook not accepted");
                        }
                    }
                    PacedPushes.awaitApplied(appliedAt, commits.get(PUSHES - 1));
                    atLastApplied = ecs.callCounts();
                    lastAppliedNanos = appliedAt.get(commits.get(PUSHES - 1));
                } finally {
                    polling.set(false);
                    poller.join();
                }
                long deregistered = -1;
                long changedAt = System.nanoTime();
                Map<String, Long> now = ecs.callCounts();
                // the clean-up spends only spare tokens, so it starts once the bucket has refilled (REFILL after the burst):
                // settled = no deregistration for SETTLED, and not before REFILL + SETTLED after the last apply
                long earliest = lastAppliedNanos + Math.round((REFILL.plus(SETTLED).toNanos()) / SCALE);
                while (System.nanoTime() - changedAt < SETTLED.toNanos() || System.nanoTime() < earliest) {
                    Thread.sleep(200);
                    now = ecs.callCounts();
                    long d = now.getOrDefault("DeregisterTaskDefinition", 0L);
                    if (d != deregistered) {
                        deregistered = d;
                        changedAt = System.nanoTime();
                    }
                }
                settled = now;
                settledNanos = changedAt;
            }
        }
        List<Double> applied = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            long first = Long.MAX_VALUE;
            for (int j = i; j < PUSHES; j++) { // a later commit carries this one
                first = Math.min(first, appliedAt.getOrDefault(commits.get(j), Long.MAX_VALUE));
            }
            applied.add((first - posted.get(i)) / 1e6);
        }
        List<Row> rows = new ArrayList<>();
        Stats stats = new Stats(applied);
        rows.add(Row.of(NAME, "webhook posted -> applied, per push (" + PUSHES + " pushes)", " ms", stats, "minmax", null, ""));
        rows.add(Row.info(NAME, "   per push, in order (ms)", applied.stream().map(d -> String.valueOf(Math.round(d))).toList().toString()));
        rows.add(Row.info(NAME, "   pushes applied as their own commit", String.valueOf(commits.stream().filter(appliedAt::containsKey).count())));
        rows.add(Row.info(NAME, "ECS calls during the burst (first webhook -> last push applied)", delta(atStart, atLastApplied)));
        rows.add(Row.info(NAME, "ECS calls after it, until clean-up settled", delta(atLastApplied, settled)));
        rows.add(Row.info(NAME, "last push applied -> last DeregisterTaskDefinition",
                Math.max(0, Math.round((settledNanos - lastAppliedNanos) / 1e6)) + " ms (200 ms poll)"));
        rows.add(Row.info(NAME, "load average at the end", Machine.loadAverage()));
        return rows;
    }

    private static String delta(Map<String, Long> from, Map<String, Long> to) {
        StringBuilder out = new StringBuilder();
        for (String action : COUNTED) {
            long n = to.getOrDefault(action, 0L) - from.getOrDefault(action, 0L);
            out.append(out.length() == 0 ? "" : ", ").append(action).append(' ').append(n);
        }
        return out.toString();
    }
}
