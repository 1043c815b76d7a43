package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.manifest.DirectoryReader;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.GatewayException;
import dev.logship.sync.SyncOptions;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Syncs (or only plans) every cluster of a desired state on a bounded pool, as the controller
 * does, and tallies what reached the result: failures by error, and the mutating steps done.
 */
final class FleetSync {
    record Outcome(long wallMillis, int steps, Map<String, Integer> failuresByOperation, List<String> sampleFailures) {
        int failures() {
            return failuresByOperation.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private FleetSync() {}

    static DesiredState read(Path manifests) {
        ReadResult read = DesiredStates.read(DirectoryReader.read(manifests));
        if (!read.ok()) {
            throw new IllegalStateException("generated manifests have problems: " + read.problems().subList(0, Math.min(3, read.problems().size())));
        }
        return read.state();
    }

    /**
     * The set-up of a benchmark that measures serve on a fleet already running: commits and pushes {@code fleet}, then applies
     * it to local-ecs as {@code owner}, serve's owner, so serve's first sync finds its own fleet with nothing to adopt or retag.
     * Returns the seconds the apply took.
     */
    static double commitAndApply(Fleet fleet, ManifestRepo repo, URI ecs, String owner) throws Exception {
        fleet.writeTo(repo.work);
        repo.commitAllAndPush("fleet");
        DesiredState state = read(repo.work);
        try (AwsEcsGateways setup = Ecs.gateways(ecs, RateLimits.off())) {
            ClusterSynchronizer sync = new ClusterSynchronizer(setup, SyncOptions.defaults(), owner);
            sync.manage(state);
            long start = System.nanoTime();
            Outcome applied = sync(sync, state, 4);
            if (applied.failures() > 0) {
                throw new IllegalStateException("setup apply failed: " + applied.sampleFailures());
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    static Outcome sync(ClusterSynchronizer synchronizer, DesiredState state, int threads) {
        return run(state, threads, cluster -> synchronizer.sync(cluster));
    }

    /** Plans only (observe + diff): a no-op resync's ECS work. Counts clusters out of sync as steps. */
    static Outcome plan(ClusterSynchronizer synchronizer, DesiredState state, int threads) {
        return run(state, threads, cluster -> {
            var plan = synchronizer.plan(cluster);
            boolean changes = plan.changes().stream().anyMatch(c -> !(c instanceof dev.logship.diff.NoChange));
            return new SyncResult(cluster.target().name(), changes ? List.of(new SyncResult.Step("", "pending", "")) : List.of(),
                    List.of(), List.of(), Map.of(), dev.logship.sync.Health.unknown("planned only"));
        });
    }

    /** Clusters in the order serve triggers them: interleaved by account and region (a baseline build without ClusterOrder: as given). */
    static List<DesiredCluster> serveOrder(List<DesiredCluster> clusters) {
        try {
            return dev.logship.sync.ClusterOrder.fair(clusters);
        } catch (NoClassDefFoundError baselineBuild) {
            return clusters;
        }
    }

    private static Outcome run(DesiredState state, int threads, java.util.function.Function<DesiredCluster, SyncResult> work) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SyncResult>> futures = new ArrayList<>();
            for (DesiredCluster cluster : serveOrder(state.clusters())) {
                futures.add(pool.submit(() -> {
                    try {
                        return work.apply(cluster);
                    } catch (GatewayException e) {
                        return new SyncResult(cluster.target().name(), List.of(),
                                List.of(new SyncResult.Failure("", e.operation(), e.getMessage())),
                                List.of(), Map.of(), dev.logship.sync.Health.unknown(e.getMessage()));
                    }
                }));
            }
            int steps = 0;
            Map<String, Integer> failures = new TreeMap<>();
            List<String> samples = new ArrayList<>();
            for (Future<SyncResult> f : futures) {
                SyncResult r = f.get();
                steps += r.steps().size();
                for (SyncResult.Failure failure : r.failures()) {
                    String kind = failure.message() != null && failure.message().contains("Throttl") ? ":Throttling" : "";
                    failures.merge(failure.operation() + kind, 1, Integer::sum);
                    if (samples.size() < 3) {
                        samples.add(r.cluster() + ": " + failure.operation() + ": " + failure.message());
                    }
                }
            }
            return new Outcome((System.nanoTime() - start) / 1_000_000, steps, failures, samples);
        } catch (Exception e) {
            throw new IllegalStateException("fleet sync failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
