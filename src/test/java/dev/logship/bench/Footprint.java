package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 6: serve's footprint as a process of its own: start to ready, resident memory idle
 * and while serving a large fleet (already applied, so its first sync observes every cluster
 * under ECS's read limits), and CPU while idle.
 */
final class Footprint {
    static final String NAME = "6 footprint";

    private Footprint() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.addAll(serveFleet(config, work, FleetShapes.large(3, 1), "3 clusters", false));
        rows.addAll(serveFleet(config, work, FleetShapes.mostlyOne(config.scaleClusters()), config.scaleClusters() + " clusters", true));
        return rows;
    }

    private static List<Row> serveFleet(BenchConfig config, Path work, Fleet fleet, String label, boolean large) throws Exception {
        Path root = work.resolve("footprint-" + fleet.clusters().size());
        List<Row> rows = new ArrayList<>();
        try (ManifestRepo repo = ManifestRepo.create(root); LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            fleet.writeTo(repo.work);
            repo.commitAllAndPush("fleet");
            DesiredState state = FleetSync.read(repo.work);
            try (AwsEcsGateways setup = Ecs.gateways(ecs.endpoint(), RateLimits.off())) {
                FleetSync.Outcome applied = FleetSync.sync(new ClusterSynchronizer(setup), state, 4);
                if (applied.failures() > 0) {
                    throw new IllegalStateException("setup apply failed: " + applied.sampleFailures());
                }
            }
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 8)) {
                double ready = serve.awaitReady(Duration.ofMinutes(5));
                double hwm = Proc.statusMiB(serve.pid(), "VmHWM");
                double cpuAtReady = Proc.cpuMillis(serve.pid());
                Thread.sleep(config.idleMillis()); // idle: no pushes; the timers (poll 60 s, resync 5 min) may fire once
                double cpuIdle = Proc.cpuMillis(serve.pid()) - cpuAtReady;
                double rss = Proc.statusMiB(serve.pid(), "VmRSS");
                if (large) {
                    long serviceReads = fleet.clusters().size() + (long) fleet.clusters().size(); // ListServices + DescribeServices (<= 10 services)
                    double boundMs = Math.max(0, serviceReads - 100) / 20.0 * 1000;
                    rows.add(Row.single(NAME, "start to ready, " + label + " (first sync observes every cluster)",
                            ScaleApply.seconds(ready), String.format(Locale.ROOT, "%s (ECS service-read bucket: %d reads, burst 100, 20/s)",
                                    ScaleApply.seconds(boundMs), serviceReads), boundMs > 0 ? ready / boundMs : Double.NaN));
                } else {
                    rows.add(Row.single(NAME, "start to ready, " + label, ScaleApply.seconds(ready), "", Double.NaN));
                }
                rows.add(Row.info(NAME, "RSS peak until ready (VmHWM), " + label, Format.number(hwm) + " MiB"));
                rows.add(Row.info(NAME, "RSS idle after ready (VmRSS), " + label, Format.number(rss) + " MiB"));
                rows.add(Row.info(NAME, "idle CPU, " + label, String.format(Locale.ROOT, "%.1f%% of one core over %d s",
                        100 * cpuIdle / config.idleMillis(), config.idleMillis() / 1000)));
            }
        }
        return rows;
    }
}
