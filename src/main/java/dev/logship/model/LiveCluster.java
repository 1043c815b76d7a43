package dev.logship.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ECS cluster as observed: whether it exists, its ACTIVE node count, its services and, when
 * a perNodePort forwarder needs them, its ACTIVE nodes in detail ({@code nodes}; null when only
 * counted).
 */
public record LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services,
                          List<LiveNode> nodes) {
    public LiveCluster {
        Objects.requireNonNull(clusterName, "clusterName");
        services = Immutable.list(services);
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    public LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services) {
        this(clusterName, exists, activeNodes, services, null);
    }

    public Optional<LiveService> service(String serviceName) {
        return services.stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
    }

    /** How many tasks a perNodePort service with these constraints should run: see {@link NodeSelection}. */
    public int placeableNodes(List<PlacementConstraint> constraints) {
        return nodes == null ? activeNodes : NodeSelection.count(nodes, constraints);
    }
}
