package dev.logship.aws;

import static dev.logship.aws.Desired.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Plan;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.Health;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** What observing costs in ECS calls, counted by local-ecs, through the real SDK over HTTP. */
class ObserveCallsAgainstLocalEcsTest {
    private static final int CLUSTERS = 101;
    private LocalEcsServer server;
    private AwsEcsGateways gateways;
    private ClusterSynchronizer synchronizer;

    @BeforeEach
    void start() {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        for (int i = 0; i < CLUSTERS; i++) {
            config.cluster("c" + i + "-ecs", 2);
        }
        server = LocalEcsServer.start(config.build());
        gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS, RateLimits.off(), 12));
        synchronizer = new ClusterSynchronizer(gateways);
    }

    @AfterEach
    void stop() {
        gateways.close();
        server.close();
    }

    /** Cluster c0 runs 11 daemon forwarders (two DescribeServices), every other cluster one. */
    private static DesiredState daemonFleet() {
        List<DesiredCluster> clusters = new ArrayList<>();
        for (int i = 0; i < CLUSTERS; i++) {
            List<DesiredForwarder> forwarders = new ArrayList<>();
            for (int f = 0; f < (i == 0 ? 11 : 1); f++) {
                forwarders.add(daemon("c" + i, "fwd" + f));
            }
            clusters.add(new DesiredCluster(target("c" + i, false), forwarders));
        }
        return new DesiredState(new Revision("r1", ""), clusters);
    }

    private DesiredState appliedDaemonFleet() {
        DesiredState state = daemonFleet();
        synchronizer.manage(state);
        state.clusters().forEach(c -> assertThat(synchronizer.sync(c).failures()).isEmpty());
        return state;
    }

    @Test
    void warmNoOpPlanOfDaemonClustersCostsTheLowerBound() {
        DesiredState state = appliedDaemonFleet();
        synchronizer.plan(state); // warms the revision cache
        server.resetCallCounts();
        Plan plan = synchronizer.plan(state);
        assertThat(plan.clusters()).allSatisfy(c -> assertThat(c.hasChanges()).isFalse());
        // Per cluster 1 ListServices + ceil(S/10) DescribeServices; DescribeClusters 100 clusters per call
        // (at most ceil(101/100) = 2: descriptions the warming pass fetched for clusters it had
        // already observed are fresh and serve this pass, so it may take only 1).
        Map<String, Long> calls = nonZero(server.callCounts());
        assertThat(calls.get("DescribeClusters")).isBetween(1L, 2L);
        calls.remove("DescribeClusters");
        assertThat(calls).isEqualTo(Map.of("ListServices", (long) CLUSTERS, "DescribeServices", CLUSTERS - 1 + 2L));
    }

    @Test
    void clustersObservedOneByOneInParallelShareDescribeClusters() throws Exception {
        DesiredState state = appliedDaemonFleet();
        synchronizer = new ClusterSynchronizer(gateways); // as serve runs it: told of no desired state, learns clusters by observing them
        planInParallel(state);
        server.resetCallCounts();
        planInParallel(state);
        Map<String, Long> calls = nonZero(server.callCounts());
        assertThat(calls.get("DescribeClusters")).isBetween(1L, 2L);
        assertThat(calls).doesNotContainKeys("ListContainerInstances", "DescribeTaskDefinition");
    }

    @Test
    void daemonHealthIsJudgedByTheServiceNotByRegisteredNodesThatIncludeDraining() {
        DesiredState state = appliedDaemonFleet();
        DesiredCluster c1 = state.cluster("c1").orElseThrow();
        try (EcsClient sdk = sdk()) {
            String node = sdk.listContainerInstances(r -> r.cluster("c1-ecs")).containerInstanceArns().get(0);
            sdk.updateContainerInstancesState(r -> r.cluster("c1-ecs").containerInstances(node).status("DRAINING"));
        }
        Waits.until("the daemon runs on the one ACTIVE node", Duration.ofSeconds(20),
                () -> synchronizer.health(c1).get("c1/fwd0").equals(Health.healthy("1/1 tasks running")));
        assertThat(synchronizer.plan(c1).activeNodes()).as("registered nodes, DRAINING included").isEqualTo(2);
    }

    @Test
    void perNodePortClusterCountsActiveNodesAndFollowsDrainedOnes() {
        DesiredCluster perNode = new DesiredCluster(target("c0", false), List.of(perNodePort("c0", "seed")));
        assertThat(synchronizer.sync(perNode).failures()).isEmpty();
        try (EcsClient sdk = sdk()) {
            String node = sdk.listContainerInstances(r -> r.cluster("c0-ecs")).containerInstanceArns().get(0);
            sdk.updateContainerInstancesState(r -> r.cluster("c0-ecs").containerInstances(node).status("DRAINING"));
        }
        server.resetCallCounts();
        ClusterPlan plan = synchronizer.plan(perNode);
        assertThat(plan.activeNodes()).isEqualTo(1);
        assertThat(plan.hasChanges()).as("desiredCount 2 -> 1 ACTIVE node").isTrue();
        assertThat(nonZero(server.callCounts())).containsEntry("ListContainerInstances", 1L).doesNotContainKey("DescribeClusters");
    }

    @Test
    void missingAndInactiveClustersAreReportedAsMissing() {
        try (EcsClient sdk = sdk()) {
            sdk.createCluster(r -> r.clusterName("empty-ecs"));
            sdk.deleteCluster(r -> r.cluster("empty-ecs"));
        }
        DesiredCluster absent = new DesiredCluster(new ClusterTarget("absent", "absent-ecs", "us-east-1", null, true, false, false),
                List.of(daemon("absent", "fwd0")));
        DesiredCluster deleted = new DesiredCluster(target("empty", false), List.of(daemon("empty", "fwd0")));
        Plan plan = synchronizer.plan(new DesiredState(new Revision("r1", ""), List.of(absent, deleted, daemonFleet().clusters().get(1))));
        assertThat(plan.clusters()).extracting(ClusterPlan::clusterExists).containsExactly(false, false, true);
        assertThat(server.callCounts().get("DescribeClusters")).isEqualTo(1L);
        assertThat(synchronizer.apply(absent, plan.clusters().get(0)).clusterHealth().status()).isEqualTo(Health.Status.Missing);
    }

    /** A plain SDK client, as a person changing ECS by hand would use. */
    private EcsClient sdk() {
        return EcsClients.of(server.endpoint());
    }

    private void planInParallel(DesiredState state) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ClusterPlan>> plans = new ArrayList<>();
            state.clusters().forEach(c -> plans.add(pool.submit(() -> synchronizer.plan(c))));
            for (Future<ClusterPlan> p : plans) {
                assertThat(p.get().hasChanges()).isFalse();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new java.util.TreeMap<>(counts);
        out.values().removeIf(v -> v == 0);
        return out;
    }
}
