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

/**
 * Scenario 1: a commit pushed to a bare repository, the signed GitHub webhook posted as the
 * host would, until local-ecs receives the UpdateService call. serve runs as its own process.
 * Pushes are spaced so each one's registration and cleanup fit ECS's task-definition bucket
 * (1 call/s sustained): faster pushes would measure the bucket, not logship.
 */
final class PushToApplied {
    static final String NAME = "1 push to applied";

    private PushToApplied() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        Fleet fleet = FleetShapes.large(1, 1);
        Path root = work.resolve("push");
        List<Double> applied = new ArrayList<>();
        List<Double> webhookToApplied = new ArrayList<>();
        try (ManifestRepo repo = ManifestRepo.create(root);
                LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            fleet.writeTo(repo.work);
            repo.commitAllAndPush("one cluster");
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 4)) {
                serve.awaitReady(Duration.ofMinutes(5));
                for (int i = 0; i < config.pushes(); i++) {
                    Thread.sleep(config.pushSpacingMillis()); // push cadence, see the class comment
                    long updatesBefore = updates(ecs);
                    Map.Entry<String, String> change = FleetShapes.oneFileChange(0, "v3.3." + i);
                    long t0 = System.nanoTime();
                    String commit = repo.change(change.getKey(), change.getValue(), "push " + i);
                    long t1 = System.nanoTime();
                    int status = serve.webhook(commit);
                    if (status != 202) {
                        throw new IllegalStateException("webhook answered " + status);
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (updates(ecs) == updatesBefore) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("push " + i + " did not reach ECS within 30 s");
                        }
                        Thread.sleep(1); // 1 ms resolution without spinning a core serve needs
                    }
                    long t2 = System.nanoTime();
                    applied.add((t2 - t0) / 1e6);
                    webhookToApplied.add((t2 - t1) / 1e6);
                }
            }
        }
        return List.of(
                Row.p95Target(NAME, "push + webhook -> UpdateService (" + applied.size() + " pushes)", " ms", new Stats(applied),
                        300.0, "p95 < 300 ms"),
                Row.of(NAME, "   of which webhook posted -> UpdateService", " ms", new Stats(webhookToApplied), "p95", null, ""),
                Row.info(NAME, "max, push -> UpdateService", Format.number(new Stats(applied).max()) + " ms"));
    }

    private static long updates(LocalEcsServer ecs) {
        return ecs.callCounts().getOrDefault("UpdateService", 0L);
    }
}
