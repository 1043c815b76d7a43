package dev.logship.cli;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredState;

/**
 * A local-ecs shaped like a desired state: each cluster gets {@code nodes} container instances,
 * and each Managed Instances capacity provider a managedDaemon forwarder names gets {@code nodes}
 * instances of its own (a cluster that only runs managed daemons gets only those), so the demo and
 * the examples apply as they would in ECS. Public for the test kit's serve harness, which shapes
 * local-ecs like whatever manifest tree a test seeds.
 */
public final class ExampleClusters {
    private ExampleClusters() {}

    public static LocalEcsConfig.Builder configure(LocalEcsConfig.Builder config, DesiredState state, int nodes) {
        state.clusters().forEach(c -> {
            boolean services = c.forwarders().isEmpty() || c.forwarders().stream().anyMatch(f -> f.workload().match(s -> true, d -> false));
            if (services) {
                config.cluster(c.target().clusterName(), nodes);
            }
            c.forwarders().stream().filter(f -> f.workload() instanceof DaemonSpec)
                    .flatMap(f -> ((DaemonSpec) f.workload()).capacityProviders().stream())
                    .filter(p -> !p.startsWith("arn:")).distinct()
                    .forEach(p -> config.managedInstances(c.target().clusterName(), p, nodes));
        });
        return config;
    }
}
