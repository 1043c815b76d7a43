package dev.logship.bench;

import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 8: serve's memory with a large fleet, side by side for JVM flags (defaults vs the
 * launcher's serve flags) and builds (a baseline build when given): serve starts on an applied
 * fleet and syncs every cluster (observe, diff) until /readyz is 200; figures are the peak RSS
 * until then (VmHWM), the RSS after, and the time to ready. Pacing runs {@code timeScale}
 * times faster than ECS (-Dlogship.ecs.timeScale, which a baseline build ignores: it paces at
 * ECS's real rates, so its time to ready is not comparable, its memory is).
 */
final class ServeMemory {
    static final String NAME = "8 serve memory";
    private static final String OWNER = "bench";

    private ServeMemory() {}

    static List<Row> run(BenchConfig config, Path work, Jvm baseline) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int clusters : config.memoryClusters()) {
            List<Jvm> jvms = new ArrayList<>();
            // -Dbench.memoryJvms=launcher: only the launcher's serve flags (a run at ECS's real rates takes minutes per JVM)
            if (clusters <= 1000 && !"launcher".equals(System.getProperty("bench.memoryJvms"))) {
                jvms.add(Jvm.CURRENT);
                if (baseline != null) {
                    jvms.add(baseline);
                }
            }
            if (clusters <= 1000) {
                jvms.add(Jvm.CURRENT.withFlags("this build, launcher's serve flags without its MALLOC_ARENA_MAX", Jvm.SERVE_FLAGS));
            }
            jvms.add(Jvm.launcherServe("this build, launcher's serve flags and environment"));
            rows.addAll(fleet(config, work, clusters, jvms));
        }
        return rows;
    }

    private static List<Row> fleet(BenchConfig config, Path work, int clusters, List<Jvm> jvms) throws Exception {
        Fleet fleet = FleetShapes.mostlyOne(clusters);
        Path root = work.resolve("memory-" + clusters);
        List<Row> rows = new ArrayList<>();
        double t = config.memoryTimeScale();
        try (ManifestRepo repo = ManifestRepo.create(root); LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            double setUp = FleetSync.commitAndApply(fleet, repo, ecs.endpoint(), OWNER);
            System.err.printf(Locale.ROOT, "[bench] %d clusters applied for the set-up in %.1f s%n", clusters, setUp);
            int run = 0;
            for (Jvm jvm : jvms) {
                List<String> flags = new ArrayList<>(jvm.flags());
                flags.add("-Dlogship.ecs.timeScale=" + Format.number(t));
                Jvm paced = jvm.withFlags(jvm.label(), flags);
                Path data = root.resolve("data-" + run++);
                try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), data, root.resolve("serve-" + run + ".log"), 8, paced,
                        "--owner", OWNER)) {
                    long minutes = Long.getLong("bench.memoryReadyMinutes", 15);
                    double ready;
                    try {
                        ready = serve.awaitReady(Duration.ofMinutes(minutes));
                    } catch (IllegalStateException notReady) {
                        if (!serve.process().alive()) {
                            throw notReady;
                        }
                        ready = Double.NaN; // still starting: the peak so far is reported, and that it was not ready
                    }
                    double hwm = Proc.statusMiB(serve.pid(), "VmHWM");
                    ScaleApply.diagnose(serve.pid(), "serve-" + clusters + "-" + jvm.label());
                    double rss = Proc.statusMiB(serve.pid(), "VmRSS");
                    String label = clusters + " clusters, " + jvm.label();
                    String readyText = Double.isNaN(ready)
                            ? "not ready after " + minutes + " min (" + syncRuns(serve) + " cluster runs done of " + clusters + ")"
                            : ScaleApply.seconds(ready);
                    rows.add(Row.info(NAME, "peak RSS until ready (VmHWM), " + label, Format.number(hwm) + " MiB"));
                    rows.add(Row.info(NAME, "   RSS at ready (VmRSS) / start to ready (pacing x" + Format.number(t) + ")",
                            Format.number(rss) + " MiB / " + readyText));
                    // said at once too: a long run stopped later still leaves its figures
                    System.err.printf(Locale.ROOT, "[bench] %s: VmHWM %.1f MiB, VmRSS %.1f MiB, start to ready %s, load %s%n",
                            label, hwm, rss, readyText, Machine.loadAverage());
                }
            }
        }
        rows.add(Row.info(NAME, "load average after " + clusters + " clusters", Machine.loadAverage()));
        return rows;
    }

    /** Cluster reconcile runs serve has finished (its logship_syncs_total counters), or -1 when it does not say. */
    private static long syncRuns(ServeProcess serve) {
        try {
            return serve.get("/metrics").body().lines().filter(l -> l.startsWith("logship_syncs_total"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return -1;
        }
    }
}
