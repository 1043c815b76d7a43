package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.DaemonGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ECS calls of observing a daemon-scheduled fleet with nothing to change (the read half of a
 * no-op resync), against the bound DaemonObserver documents. BENCHMARKS.md quotes this figure.
 */
class DaemonObserveCallsTest {
    private static final int CLUSTERS = 20;
    private static final int INSTANCES = 3;

    @Test
    void warmObserveOfADaemonFleetCostsSevenCallsPerClusterAndNothingMutates() {
        try (LocalEcsHarness ecs = new LocalEcsHarness(Map.of())) {
            List<DaemonGateway> fleet = new ArrayList<>();
            TaskDefinitionSpec td = new TaskDefinitionSpec("logship-fb", null, List.of(), List.of(new ContainerSpec("fluent-bit",
                    "fluent/fluent-bit:5.1.1", 10, 128, null, true, List.of(), Map.of(), Map.of(), List.of(), List.of(), null)),
                    List.of(), List.of(), Map.of("logship.dev/managed-by", "logship"));
            String revision = null;
            for (int i = 0; i < CLUSTERS; i++) {
                ecs.server.setManagedInstances("c" + i, "mi-c" + i, INSTANCES);
                DaemonGateway daemons = ecs.gateways.daemonsFor(new ClusterTarget("c" + i, "c" + i, "us-east-1", null, true, false, false, Map.of()));
                revision = revision == null ? daemons.registerDaemonTaskDefinition(td) : revision;
                daemons.createDaemon(new DaemonSpec("fb", List.of("mi-c" + i), 25.0, 0, List.of(), false, Map.of()), revision);
                fleet.add(daemons);
            }
            fleet.forEach(DaemonGateway::observeDaemons); // cold: each gateway describes the revision once
            ecs.server.resetCallCounts();

            fleet.forEach(d -> assertThat(d.observeDaemons()).singleElement().satisfies(l -> assertThat(l.runningCount()).isEqualTo(INSTANCES)));

            Map<String, Long> calls = new TreeMap<>(ecs.server.callCounts());
            calls.values().removeIf(v -> v == 0);
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            System.out.println("daemon fleet observe, warm, " + CLUSTERS + " clusters x 1 daemon x " + INSTANCES + " instances: "
                    + total + " " + calls);
            assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("ListDaemons", (long) CLUSTERS, "DescribeDaemon", (long) CLUSTERS,
                    "DescribeDaemonDeployments", (long) CLUSTERS, "DescribeDaemonRevisions", (long) CLUSTERS,
                    "ListTagsForResource", (long) CLUSTERS, "ListContainerInstances", (long) CLUSTERS,
                    "DescribeContainerInstances", (long) CLUSTERS));
            assertThat(ecs.server.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
        }
    }
}
