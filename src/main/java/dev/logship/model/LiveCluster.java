package dev.logship.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ECS cluster as observed: whether it exists, its ACTIVE node count, its ACTIVE services,
 * {@code revisionsInUse}: the task definition ARN of every deployment (PRIMARY and ACTIVE, that
 * is: still running tasks) of every service of the cluster, logship's or not (revision clean-up
 * never deregisters one of them), and, when a perNodePort forwarder needs them, its ACTIVE nodes
 * in detail ({@code nodes}; null when only counted). {@code managedInstances}: the cluster has
 * capacity providers, so it may run managed daemons (only those of ECS Managed Instances can);
 * {@code daemons}: its managed daemons, observed only when the cluster may have some or Git
 * wants one there (empty otherwise), so a fleet of services pays no daemon call.
 */
public record LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services,
        Set<String> revisionsInUse, List<LiveNode> nodes, boolean managedInstances, List<LiveDaemon> daemons) {
    public LiveCluster {
        Objects.requireNonNull(clusterName, "clusterName");
        services = Immutable.list(services);
        revisionsInUse = revisionsInUse == null ? Set.of() : Set.copyOf(revisionsInUse);
        nodes = nodes == null ? null : List.copyOf(nodes);
        daemons = Immutable.list(daemons);
    }

    public LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services,
                       Set<String> revisionsInUse, List<LiveNode> nodes) {
        this(clusterName, exists, activeNodes, services, revisionsInUse, nodes, false, List.of());
    }

    /** The same observation with the cluster's managed daemons. */
    public LiveCluster withDaemons(List<LiveDaemon> observed) {
        return new LiveCluster(clusterName, exists, activeNodes, services, revisionsInUse, nodes, managedInstances, observed);
    }

    /** The same observation, marked as a cluster that may run managed daemons. */
    public LiveCluster withManagedInstances(boolean mayRunDaemons) {
        return new LiveCluster(clusterName, exists, activeNodes, services, revisionsInUse, nodes, mayRunDaemons, daemons);
    }

    public Optional<LiveDaemon> daemon(String daemonName) {
        return daemons.stream().filter(d -> d.daemonName().equals(daemonName)).findFirst();
    }

    public LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services,
                       Set<String> revisionsInUse) {
        this(clusterName, exists, activeNodes, services, revisionsInUse, null);
    }

    /** Revisions in use known only from the services' current task definitions. */
    public LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services) {
        this(clusterName, exists, activeNodes, services, currentRevisions(services), null);
    }

    private static Set<String> currentRevisions(List<LiveService> services) {
        Set<String> arns = new TreeSet<>();
        if (services != null) {
            services.stream().map(LiveService::taskDefinitionArn).filter(Objects::nonNull).forEach(arns::add);
        }
        return arns;
    }

    public Optional<LiveService> service(String serviceName) {
        return services.stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
    }

    /** How many tasks a perNodePort service with these constraints should run: see {@link NodeSelection}. */
    public int placeableNodes(List<PlacementConstraint> constraints) {
        return nodes == null ? activeNodes : NodeSelection.count(nodes, constraints);
    }
}
