package dev.logship.aws;

import static dev.logship.aws.Desired.daemon;
import static dev.logship.aws.Desired.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.EcsClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * What a cold apply of a fleet costs in ECS calls, applied 8 clusters at a time as serve does:
 * every cluster listed (a service count of 0 is never trusted), each family listed once per run,
 * and after the change only the desired services described again.
 */
class ColdApplyCallsAgainstLocalEcsTest {
    private static final int CLUSTERS = 40;

    /** Every cluster runs "papertrail"; every fourth also "audit": 2 families, 2 contents, 50 services. */
    private static DesiredState fleet() {
        List<DesiredCluster> clusters = new ArrayList<>();
        for (int i = 0; i < CLUSTERS; i++) {
            List<DesiredForwarder> forwarders = new ArrayList<>(List.of(daemon("c" + i, "papertrail")));
            if (i % 4 == 0) {
                forwarders.add(daemon("c" + i, "audit"));
            }
            clusters.add(new DesiredCluster(target("c" + i, false), forwarders));
        }
        return new DesiredState(new Revision("r1", ""), clusters);
    }

    private static List<SyncResult> syncAll(ClusterSynchronizer synchronizer, DesiredState state) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SyncResult>> futures = new ArrayList<>();
            state.clusters().forEach(c -> futures.add(pool.submit(() -> synchronizer.sync(c))));
            List<SyncResult> out = new ArrayList<>();
            for (Future<SyncResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>(counts);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Test
    void aColdApplyListsEachClusterAndEachFamilyOnceAndReadsOnlyWhatItChanged() throws Exception {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        for (int i = 0; i < CLUSTERS; i++) {
            config.cluster("c" + i + "-ecs", 2);
        }
        try (LocalEcsServer server = LocalEcsServer.start(config.build());
                AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS,
                        RateLimits.off(), 12))) {
            ClusterSynchronizer synchronizer = new ClusterSynchronizer(gateways);
            DesiredState state = fleet();
            synchronizer.manage(state);

            List<SyncResult> cold = syncAll(synchronizer, state);
            assertThat(cold).allSatisfy(r -> assertThat(r.failures()).isEmpty());
            assertThat(cold).allSatisfy(r -> assertThat(r.clusterHealth().status()).isIn(Health.Status.Healthy, Health.Status.Progressing));
            // 40 clusters in one DescribeClusters and one ListServices each; 2 families listed and
            // registered once each; 50 CreateService; one DescribeServices per cluster for its health after the change.
            assertThat(nonZero(server.callCounts())).isEqualTo(Map.of("DescribeClusters", 1L, "ListServices", (long) CLUSTERS,
                    "ListTaskDefinitions", 2L, "RegisterTaskDefinition", 2L, "CreateService", 50L, "DescribeServices", (long) CLUSTERS));

            // The next run lists them again, and changes nothing.
            server.resetCallCounts();
            List<SyncResult> second = syncAll(synchronizer, state);
            assertThat(second).allSatisfy(r -> assertThat(r.steps()).isEmpty());
            assertThat(server.mutatingCallCounts().values()).allMatch(n -> n == 0);
            assertThat(server.callCounts()).containsEntry("ListServices", (long) CLUSTERS);
        }
    }

    @Test
    void aClusterWhoseServicesSomeoneElseCreatedIsListedAndNothingIsCreatedTwice() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("c0-ecs", 2).build());
                AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS,
                        RateLimits.off(), 12));
                AwsEcsGateways other = new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS,
                        RateLimits.off(), 12));
                EcsClient sdk = EcsClients.of(server.endpoint())) {
            DesiredCluster c0 = new DesiredCluster(target("c0", false), List.of(daemon("c0", "papertrail")));
            assertThat(new ClusterSynchronizer(other).sync(c0).failures()).isEmpty(); // another process applied it
            sdk.createService(r -> r.cluster("c0-ecs").serviceName("by-hand").taskDefinition("logship-papertrail")
                    .schedulingStrategy("DAEMON"));
            server.resetCallCounts();

            var plan = new ClusterSynchronizer(gateways).plan(c0);
            assertThat(plan.hasChanges()).isFalse();
            assertThat(server.callCounts()).containsEntry("ListServices", 1L);
        }
    }
}
