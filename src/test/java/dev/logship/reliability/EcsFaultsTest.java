package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.aws.EcsCallCounter;
import dev.logship.localecs.faults.Faults;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.OwnershipTags;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.GatewayException;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Fleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A 100-cluster apply while local-ecs answers 30% of calls with ThrottlingException, 10% with
 * ServerException and adds latency spikes: logship (real SDK over HTTP, its own retries and
 * pacing) converges every cluster, registers no more than one extra revision per forwarder, and
 * never reports a cluster as done that ECS does not show converged.
 */
class EcsFaultsTest {
    private static final int CLUSTERS = 100;
    private static final String ROUTE = "syslog+tls://logs.example.com:6514";
    private static final String IMAGE = "gliderlabs/logspout:v3.2.14";

    /** 100 clusters, each running the shared daemon forwarder plus one forwarder of its own (101 families). */
    static Fleet fleet() {
        List<String> names = ReliabilityFleets.names("c", CLUSTERS);
        Fleet fleet = ReliabilityFleets.ofClusters("c", CLUSTERS, IMAGE, ROUTE);
        names.forEach(n -> fleet.forwarder(ReliabilityFleets.forwarder("own-" + n, IMAGE, ROUTE, List.of(n)).perNodePort(1234)));
        return fleet;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHundredClusterApplyUnderThrottlingServerErrorsAndLatencySpikesConvergesWithoutFalseSuccess() throws Exception {
        List<String> names = ReliabilityFleets.names("c", CLUSTERS);
        DesiredState state = fleet().render("faulty");
        ScheduledExecutorService spikes = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (EcsRig ecs = EcsRig.start(names, 2, 20)) {
            Random seeded = new Random(7);
            ecs.server.setFaults(new Faults(0.3, 0.1, 0, 0));
            // every 100 ms, one chance in five of a 250 ms spike on every call answered in the next tick
            spikes.scheduleAtFixedRate(() -> ecs.server.setFaults(new Faults(0.3, 0.1, 0, seeded.nextInt(5) == 0 ? 250 : 0)),
                    0, 100, TimeUnit.MILLISECONDS);

            ClusterSynchronizer sync = new ClusterSynchronizer(ecs.gateways);
            sync.manage(state);
            Set<String> claimedDone = ConcurrentHashMap.newKeySet();
            List<String> attempts = new ArrayList<>();
            long started = System.nanoTime();
            for (int round = 1; claimedDone.size() < CLUSTERS && round <= 8; round++) {
                List<Future<String>> runs = new ArrayList<>();
                for (DesiredCluster cluster : state.clusters()) {
                    if (!claimedDone.contains(cluster.target().name())) {
                        runs.add(pool.submit(() -> applyOnce(sync, cluster, claimedDone)));
                    }
                }
                long failed = 0;
                for (Future<String> run : runs) {
                    failed += run.get().isEmpty() ? 0 : 1;
                }
                attempts.add("round " + round + ": " + runs.size() + " clusters, " + failed + " with a failed call");
            }
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            spikes.shutdownNow();
            spikes.awaitTermination(5, TimeUnit.SECONDS);
            ecs.server.setFaults(Faults.none());

            assertThat(claimedDone).as("clusters reported converged after %s", attempts).hasSize(CLUSTERS);
            // Checked with a plain SDK client, not through logship: what a cluster was reported
            // done for must be true in ECS (done clusters were never touched again).
            Set<String> families = new TreeSet<>();
            for (String name : names) {
                List<Service> services = ecs.services(name + "-ecs");
                assertThat(services).extracting(Service::serviceName).as(name).containsExactlyInAnyOrder("papertrail", "own-" + name);
                for (Service s : services) {
                    assertThat(s.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value())
                            .isEqualTo(OwnershipTags.MANAGED_BY + "=" + OwnershipTags.MANAGER));
                    var td = ecs.sdk.describeTaskDefinition(r -> r.taskDefinition(s.taskDefinition())).taskDefinition();
                    assertThat(td.containerDefinitions().get(0).image()).isEqualTo(IMAGE);
                    families.add(td.family());
                }
            }
            Map<String, Long> errors = ecs.server.errorCounts();
            long registered = ecs.server.callCounts().get("RegisterTaskDefinition")
                    - errors.entrySet().stream().filter(e -> e.getKey().startsWith("RegisterTaskDefinition:"))
                            .mapToLong(Map.Entry::getValue).sum();
            assertThat(families).hasSize(CLUSTERS + 1);
            for (String family : families) {
                assertThat(ecs.activeRevisions(family)).as(family).hasSizeBetween(1, 2);
            }
            assertThat(registered).isLessThanOrEqualTo(2L * families.size());
            long throttled = errors.entrySet().stream().filter(e -> e.getKey().endsWith(":ThrottlingException"))
                    .mapToLong(Map.Entry::getValue).sum();
            long serverErrors = errors.entrySet().stream().filter(e -> e.getKey().endsWith(":ServerException"))
                    .mapToLong(Map.Entry::getValue).sum();
            long retries = ecs.gateways.calls().snapshot().entrySet().stream()
                    .filter(e -> e.getKey().outcome().equals(EcsCallCounter.ATTEMPT)).mapToLong(Map.Entry::getValue).sum()
                    - ecs.gateways.calls().callsByAction().values().stream().mapToLong(Long::longValue).sum();
            assertThat(throttled).isPositive();
            assertThat(serverErrors).isPositive();
            assertThat(retries).as("retries counted by logship").isPositive();
            System.out.printf("FIGURES ecs-faults: clusters=%d services=%d took=%dms %s throttled=%d serverErrors=%d"
                            + " sdkRetries=%d registered=%d families=%d%n", CLUSTERS, 2 * CLUSTERS, tookMillis, attempts,
                    throttled, serverErrors, retries, registered, families.size());
        } finally {
            spikes.shutdownNow();
            pool.shutdownNow();
        }
    }

    /** One controller-style run: observe, apply; done only when nothing failed. Returns the failure text, or "". */
    private static String applyOnce(ClusterSynchronizer sync, DesiredCluster cluster, Set<String> claimedDone) {
        try {
            SyncResult result = sync.apply(cluster, sync.plan(cluster));
            if (result.succeeded()) {
                claimedDone.add(cluster.target().name());
                return "";
            }
            return result.failures().toString();
        } catch (GatewayException e) {
            return e.getMessage();
        }
    }
}
