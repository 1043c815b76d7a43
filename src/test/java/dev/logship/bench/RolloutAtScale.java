package dev.logship.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.RolloutPolicyManifest;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 9: time from a push to the last wave done, for a fleet (1,000 clusters by default)
 * in 4 waves of 1%, 9%, 40% and 50%, against the bound that bake times and ECS's rate limits
 * set. serve runs in a process of its own on a rollout clock 60 times as fast (the policy's
 * 2 min bake lasts 2 s) with ECS's token buckets on in local-ecs and logship's pacing both
 * {@code timeScale} times as fast as ECS. The fleet starts applied and Healthy (set up without
 * throttling); the push changes the forwarder's image, so every cluster needs one UpdateService.
 *
 * <p>Bound: each wave starts after the previous one baked, with at most ECS's burst of 50
 * SERVICE_MODIFY tokens, and needs one UpdateService per cluster at 5 per second after that; the
 * last wave must bake too. So T >= sum over waves of max(0, n_w - 50) / (5 x timeScale) +
 * 4 x bakeTime / clockScale. Task start, health reads and the bake's end being noticed come on top.
 */
final class RolloutAtScale {
    static final String NAME = "9 rollout";
    private static final double CLOCK_SCALE = 60;
    private static final Duration BAKE = Duration.ofMinutes(2);
    private static final int BURST = 50;
    private static final int PER_SECOND = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RolloutAtScale() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        int clusters = Integer.parseInt(System.getProperty("bench.rolloutClusters", config.name().equals("tiny") ? "12" : "1000"));
        int[] waves = waveSizes(clusters);
        double t = config.timeScale();
        Path root = work.resolve("rollout");
        Fleet fleet = fleet(clusters, waves);
        List<Row> rows = new ArrayList<>();
        try (ManifestRepo repo = ManifestRepo.create(root); LocalEcsServer ecs = Ecs.start(fleet.nodes(), t)) {
            repo.commit(fleet, "fleet in 4 waves");
            ecs.setThrottling(false); // the setup apply is not measured
            DesiredState state = FleetSync.read(repo.work);
            try (AwsEcsGateways setup = Ecs.gateways(ecs.endpoint(), RateLimits.off())) {
                ClusterSynchronizer sync = new ClusterSynchronizer(setup);
                sync.manage(state);
                FleetSync.Outcome applied = FleetSync.sync(sync, state, 4);
                if (applied.failures() > 0) {
                    throw new IllegalStateException("setup apply failed: " + applied.sampleFailures());
                }
            }
            ecs.setThrottling(true);
            Jvm paced = Jvm.CURRENT.withFlags("this build", List.of("-Dlogship.ecs.timeScale=" + Format.number(t)));
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 8,
                    paced, "--clock-scale", Format.number(CLOCK_SCALE))) {
                serve.awaitReady(Duration.ofMinutes(15));
                String seed = headOf(repo);
                waitDone(serve, seed, Duration.ofMinutes(15));
                ecs.resetCallCounts();

                String commit = repo.commit(fleet.forwarder(fleet.forwarder("logs").image("gliderlabs/logspout:v3.2.15")), "logspout v3.2.15");
                FileReplacements saves = new FileReplacements(root.resolve("data"), "rollouts.json");
                long pushed = System.nanoTime();
                double cpuBefore = Proc.cpuMillis(serve.pid());
                serve.webhook(commit);
                JsonNode done = waitDone(serve, commit, Duration.ofMinutes(30));
                double tookMs = (System.nanoTime() - pushed) / 1e6;
                double cpuMs = Proc.cpuMillis(serve.pid()) - cpuBefore;
                saves.close();
                rows.add(Row.info(NAME, "rollouts.json writes from push to done (watched; lost events)",
                        saves.replaced() + " (" + saves.overflows() + ")"));
                Instant plannerNow = Instant.parse(done.path("now").asText());

                double boundMs = boundMillis(waves, t);
                rows.add(Row.single(NAME, String.format(Locale.ROOT, "push to last wave done (%d clusters, waves %s, bake %s at clock x%s, "
                                + "ECS rates x%s)", clusters, sizes(waves), "2 min", Format.number(CLOCK_SCALE), Format.number(t)),
                        ScaleApply.seconds(tookMs), ScaleApply.seconds(boundMs) + " (" + boundText(waves, t) + ")", tookMs / boundMs));
                JsonNode rollout = rolloutOf(done, commit);
                for (int w = 1; w <= waves.length; w++) {
                    Instant first = null;
                    Instant last = null;
                    for (JsonNode c : rollout.path("clusters")) {
                        if (c.path("wave").asInt() == w) {
                            Instant start = Instant.parse(c.path("startedAt").asText());
                            Instant end = Instant.parse(c.path("finishedAt").asText());
                            first = first == null || start.isBefore(first) ? start : first;
                            last = last == null || end.isAfter(last) ? end : last;
                        }
                    }
                    rows.add(Row.info(NAME, String.format(Locale.ROOT, "   wave %d (%d clusters): starts / done, after the push", w, waves[w - 1]),
                            real(first, plannerNow, tookMs) + " / " + real(last, plannerNow, tookMs)));
                }
                Map<String, Long> calls = ecs.callCounts();
                long throttled = ecs.errorCounts().entrySet().stream().filter(e -> e.getKey().endsWith("ThrottlingException"))
                        .mapToLong(Map.Entry::getValue).sum();
                rows.add(Row.info(NAME, "UpdateService / all ECS calls / ThrottlingException answers",
                        calls.getOrDefault("UpdateService", 0L) + " / " + calls.values().stream().mapToLong(Long::longValue).sum()
                                + " / " + throttled));
                rows.add(Row.info(NAME, "   ECS calls by action", String.valueOf(new java.util.TreeMap<>(calls))));
                rows.add(Row.info(NAME, "CPU time of the serve process from push to done", ScaleApply.seconds(cpuMs)
                        + String.format(Locale.ROOT, " (%.0f%% of one core)", 100 * cpuMs / tookMs)));
            }
        }
        rows.add(Row.info(NAME, "load average after the rollout", Machine.loadAverage()));
        return rows;
    }

    /** 1%, 9%, 40% and the rest, each at least one cluster. */
    static int[] waveSizes(int clusters) {
        int w1 = Math.max(1, clusters / 100);
        int w2 = Math.max(1, clusters * 9 / 100);
        int w3 = Math.max(1, clusters * 40 / 100);
        return new int[] {w1, w2, w3, clusters - w1 - w2 - w3};
    }

    static double boundMillis(int[] waves, double timeScale) {
        double updates = 0;
        for (int n : waves) {
            updates += Math.max(0, n - BURST) / (PER_SECOND * timeScale);
        }
        return (updates + waves.length * BAKE.toMillis() / 1000.0 / CLOCK_SCALE) * 1000;
    }

    private static String boundText(int[] waves, double t) {
        return String.format(Locale.ROOT, "sum of max(0, n_w - 50) UpdateService at 5/s x%s, + %d bakes of 2 min / %s",
                Format.number(t), waves.length, Format.number(CLOCK_SCALE));
    }

    private static String sizes(int[] waves) {
        return java.util.Arrays.stream(waves).mapToObj(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("");
    }

    /** A planner instant as real time after the push: the view was read {@code viewMs} after it, at {@code plannerNow}. */
    private static String real(Instant planner, Instant plannerNow, double viewMs) {
        return ScaleApply.seconds(viewMs - Duration.between(planner, plannerNow).toNanos() / 1e6 / CLOCK_SCALE);
    }

    private static JsonNode waitDone(ServeProcess serve, String commit, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = JSON.readTree(serve.get("/api/v1/rollouts").body());
            if ("DONE".equals(rolloutOf(view, commit).path("state").asText())) {
                return view;
            }
            Thread.sleep(250); // polling step of a wait-until with a deadline
        }
        throw new IllegalStateException("the rollout of " + commit + " was not done within " + timeout);
    }

    private static JsonNode rolloutOf(JsonNode view, String commit) {
        for (JsonNode r : view.path("rollouts")) {
            if (r.path("commit").asText().equals(commit)) {
                return r;
            }
        }
        return JSON.createObjectNode();
    }

    private static String headOf(ManifestRepo repo) throws Exception {
        try (org.eclipse.jgit.lib.Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(repo.bare.toFile()).build()) {
            return r.resolve("refs/heads/main").name();
        }
    }

    /** The clusters r0000 ... in 4 waves of the given sizes (canary, early, half, rest), one node each, and one forwarder on all. */
    private static Fleet fleet(int clusters, int[] waves) {
        List<String> names = Fleet.names("r%04d", clusters);
        String[] waveNames = {"canary", "early", "half", "rest"};
        List<Fleet.Wave> inWaves = new ArrayList<>();
        for (int w = 0, from = 0; w < waves.length; from += waves[w], w++) {
            inWaves.add(new Fleet.Wave(waveNames[w], names.subList(from, from + waves[w]), null));
        }
        return Fleet.inWaves(RolloutPolicyManifest.named("four-waves", "2m", "rollback"),
                ForwarderManifest.named("logs", "syslog+tls://logs.example.com:12345").image(Fleet.LOGSPOUT), inWaves.toArray(Fleet.Wave[]::new))
                .nodesPerCluster(1);
    }
}
