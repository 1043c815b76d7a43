package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.Plan;
import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.ForwarderKey;
import dev.logship.model.OwnershipTags;
import dev.logship.model.Revision;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ECS calls of a whole no-op resync of a daemon-scheduled fleet, as the controller runs it
 * (ClusterSynchronizer.plan of every cluster of the desired state; nothing to apply), against its
 * bound: one DescribeClusters per 100 clusters plus one ListServices (a service count is never
 * trusted to say "none") and 7 daemon reads per cluster of one daemon (DaemonObserver's schedule); no
 * daemon task definition read when warm, nothing mutating. BENCHMARKS.md quotes this figure.
 */
class DaemonNoOpResyncCallsTest {
    private static final int CLUSTERS = 20;
    private static final int INSTANCES = 3;
    private static final String OWNER = "fleet";

    private static DesiredCluster cluster(int i) {
        ClusterTarget target = new ClusterTarget("c" + i, "c" + i, "us-east-1", null, true, false, false, Map.of());
        Map<String, String> tags = Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER);
        TaskDefinitionSpec td = new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(new ContainerSpec("fluent-bit",
                "fluent/fluent-bit:5.1.1", 10, 128, null, true, List.of(), Map.of(), Map.of(), List.of(), List.of(), null)),
                List.of(), List.of(), tags);
        DaemonSpec daemon = new DaemonSpec("fb", List.of("mi-c" + i), 25.0, 0, List.of(), false,
                Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER, OwnershipTags.FORWARDER, "c" + i + "/fb"));
        return new DesiredCluster(target, List.of(new DesiredForwarder(new ForwarderKey("c" + i, "fb"), td, daemon, false, false, "h")));
    }

    @Test
    void aNoOpResyncOfADaemonFleetCostsOneDescribeClustersPer100AndEightReadsPerCluster() {
        try (LocalEcsHarness ecs = new LocalEcsHarness(Map.of())) {
            List<DesiredCluster> clusters = new ArrayList<>();
            for (int i = 0; i < CLUSTERS; i++) {
                ecs.server.setManagedInstances("c" + i, "mi-c" + i, INSTANCES); // a provider belongs to one cluster
                clusters.add(cluster(i));
            }
            DesiredState state = new DesiredState(new Revision("r1", "fleet"), clusters);
            ClusterSynchronizer synchronizer = new ClusterSynchronizer(ecs.gateways, dev.logship.sync.SyncOptions.defaults(), OWNER);
            synchronizer.manage(state);
            clusters.forEach(c -> assertThat(synchronizer.sync(c).failures()).isEmpty());
            Waits.until("every daemon Healthy", Duration.ofSeconds(60), () -> clusters.stream()
                    .allMatch(c -> synchronizer.health(c).values().stream().allMatch(h -> h.status() == Health.Status.Healthy)));
            synchronizer.plan(state); // the first resync after the apply (warms nothing more: revisions were described by the apply)
            ecs.server.resetCallCounts();

            Plan plan = synchronizer.plan(state);

            assertThat(plan.hasChanges()).isFalse();
            Map<String, Long> calls = new TreeMap<>(ecs.server.callCounts());
            calls.values().removeIf(v -> v == 0);
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            long bound = (CLUSTERS + 99) / 100 + 8L * CLUSTERS;
            System.out.println("daemon fleet no-op resync, warm, " + CLUSTERS + " clusters x 1 managed daemon x " + INSTANCES
                    + " instances: " + total + " calls (bound " + bound + ") " + calls);
            long c = CLUSTERS;
            assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("DescribeClusters", 1L, "ListServices", c, "ListDaemons", c,
                    "DescribeDaemon", c, "DescribeDaemonDeployments", c, "DescribeDaemonRevisions", c, "ListTagsForResource", c,
                    "ListContainerInstances", c, "DescribeContainerInstances", c));
            assertThat(total).isEqualTo(bound);
            assertThat(ecs.server.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
        }
    }
}
