package dev.logship.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One ECS cluster as observed: whether it exists, its ACTIVE node count and its services. */
public record LiveCluster(String clusterName, boolean exists, int activeNodes, List<LiveService> services) {
    public LiveCluster {
        Objects.requireNonNull(clusterName, "clusterName");
        services = Immutable.list(services);
    }

    public Optional<LiveService> service(String serviceName) {
        return services.stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
    }
}
