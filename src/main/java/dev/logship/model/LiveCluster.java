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
 * in detail ({@code nodes}; null when only counted).
 */
public record LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services,
        Set<String> revisionsInUse, List<LiveNode> nodes) {
    public LiveCluster {
        Objects.requireNonNull(clusterName, "clusterName");
        services = Immutable.list(services);
        revisionsInUse = revisionsInUse == null ? Set.of() : Set.copyOf(revisionsInUse);
        nodes = nodes == null ? null : List.copyOf(nodes);
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
