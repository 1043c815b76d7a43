package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.faults.Faults;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Fleet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scenario 2: clusters x forwarders already in sync; a resync (observe + diff every cluster)
 * should cost exactly the lower bound of ECS calls, and its wall time under 20 ms per call.
 */
final class NoOpResync {
    static final String NAME = "2 no-op resync";
    private static final long LATENCY_MS = 20;

    private NoOpResync() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        int clusters = config.resyncClusters();
        int perCluster = 3;
        Fleet fleet = FleetShapes.uniform(clusters, perCluster);
        fleet.writeTo(work.resolve("resync"));
        DesiredState state = FleetSync.read(work.resolve("resync"));
        List<Row> rows = new ArrayList<>();
        try (LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            try (AwsEcsGateways setup = Ecs.gateways(ecs.endpoint(), RateLimits.off())) {
                FleetSync.Outcome applied = FleetSync.sync(new ClusterSynchronizer(setup), state, 4);
                if (applied.failures() > 0) {
                    throw new IllegalStateException("setup apply failed: " + applied.sampleFailures());
                }
            }
            int describeCalls = (perCluster + 9) / 10;
            long boundCalls = clusters * (1L + describeCalls) + (clusters + 99) / 100;
            try (AwsEcsGateways gateways = Ecs.gateways(ecs.endpoint(), RateLimits.off())) {
                ClusterSynchronizer sync = new ClusterSynchronizer(gateways);
                ecs.resetCallCounts();
                check(FleetSync.plan(sync, state, 1));
                Map<String, Long> cold = new TreeMap<>(ecs.callCounts());
                ecs.resetCallCounts();
                check(FleetSync.plan(sync, state, 1));
                Map<String, Long> warm = new TreeMap<>(ecs.callCounts());
                String scope = clusters + " clusters x " + perCluster;
                rows.add(Row.single(NAME, "ECS calls, warm (" + scope + "): " + warm, String.valueOf(total(warm)),
                        boundCalls + " (" + clusters + " ListServices + " + clusters * describeCalls + " DescribeServices + "
                                + (clusters + 99) / 100 + " DescribeClusters)", (double) total(warm) / boundCalls));
                rows.add(Row.single(NAME, "DescribeTaskDefinition calls, cold / warm",
                        cold.getOrDefault("DescribeTaskDefinition", 0L) + " / " + warm.getOrDefault("DescribeTaskDefinition", 0L),
                        "cold: 1 per revision in use (" + perCluster + "); warm: 0", Double.NaN));
                rows.add(Row.single(NAME, "mutating calls in a no-op resync", String.valueOf(mutating(ecs, sync, state)), "0", Double.NaN));

                ecs.setFaults(Faults.latency(LATENCY_MS));
                List<Double> sequential = new ArrayList<>();
                for (int i = 0; i < config.repeats(); i++) {
                    sequential.add((double) check(FleetSync.plan(sync, state, 1)).wallMillis());
                }
                rows.add(Row.of(NAME, "wall, " + LATENCY_MS + " ms/call, 1 thread, no pacing", " ms", new Stats(sequential), "minmax",
                        (double) boundCalls * LATENCY_MS, boundCalls + " calls x " + LATENCY_MS + " ms = " + boundCalls * LATENCY_MS + " ms"));
            }
            rows.add(pacedParallel(config, ecs, state, clusters, describeCalls));
            ecs.setFaults(Faults.none());
        }
        return rows;
    }

    /**
     * As serve runs it: 8 clusters at a time, pacing at 90% of ECS's real limits, buckets full
     * at the start (a resync every few minutes finds them refilled). The bound is the slower
     * of ECS's own service-read bucket (burst 100, 20/s) and the latency of the calls.
     */
    private static Row pacedParallel(BenchConfig config, LocalEcsServer ecs, DesiredState state, int clusters, int describeCalls)
            throws InterruptedException {
        int threads = 8;
        List<Double> walls = new ArrayList<>();
        long serviceReads = clusters * (1L + describeCalls);
        double rateBoundMs = Math.max(0, serviceReads - 100) / 20.0 * 1000;
        double latencyBoundMs = ((clusters + threads - 1) / threads) * (1 + describeCalls) * LATENCY_MS + LATENCY_MS;
        double bound = Math.max(rateBoundMs, latencyBoundMs);
        for (int i = 0; i < config.repeats(); i++) {
            try (AwsEcsGateways gateways = Ecs.gateways(ecs.endpoint(), RateLimits.ecsDefaults())) {
                ClusterSynchronizer sync = new ClusterSynchronizer(gateways);
                ecs.setFaults(Faults.none());
                FleetSync.plan(sync, state, threads); // warms the revision cache; drains the buckets
                Thread.sleep(config.refillMillis()); // the next resync comes minutes later: buckets full again
                ecs.setFaults(Faults.latency(LATENCY_MS));
                walls.add((double) check(FleetSync.plan(sync, state, threads)).wallMillis());
            }
        }
        return Row.of(NAME, "wall, " + LATENCY_MS + " ms/call, " + threads + " threads, pacing as shipped", " ms", new Stats(walls),
                "minmax", bound, String.format(java.util.Locale.ROOT,
                        "%.0f ms = max(ECS service-read bucket: %d reads, burst 100, 20/s: %.0f ms; latency path: %.0f ms)",
                        bound, serviceReads, rateBoundMs, latencyBoundMs));
    }

    private static long mutating(LocalEcsServer ecs, ClusterSynchronizer sync, DesiredState state) {
        ecs.resetCallCounts();
        check(FleetSync.sync(sync, state, 4));
        return ecs.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static FleetSync.Outcome check(FleetSync.Outcome o) {
        if (o.failures() > 0) {
            throw new IllegalStateException("resync failed: " + o.sampleFailures());
        }
        if (o.steps() > 0) {
            throw new IllegalStateException("fleet not in sync: " + o.steps() + " changes");
        }
        return o;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
