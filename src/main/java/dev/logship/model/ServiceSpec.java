package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ECS service as CreateService accepts it, minus the task definition reference (the apply
 * step resolves a family to a concrete revision). {@code desiredCount} is null for DAEMON and
 * for perNodePort until the cluster's node count is known.
 */
public record ServiceSpec(
        String serviceName,
        SchedulingStrategy schedulingStrategy,
        Integer desiredCount,
        List<PlacementConstraint> placementConstraints,
        DeploymentSpec deployment,
        String propagateTags,
        Map<String, String> tags) implements Workload {

    public ServiceSpec {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(schedulingStrategy, "schedulingStrategy");
        placementConstraints = Immutable.list(placementConstraints);
        deployment = deployment == null ? DeploymentSpec.defaults() : deployment;
        tags = Immutable.sortedMap(tags);
    }

    @Override
    public String name() {
        return serviceName;
    }

    @Override
    public <T> T match(java.util.function.Function<ServiceSpec, T> service, java.util.function.Function<DaemonSpec, T> daemon) {
        return service.apply(this);
    }

    public ServiceSpec withDesiredCount(Integer count) {
        return new ServiceSpec(serviceName, schedulingStrategy, count, placementConstraints, deployment, propagateTags, tags);
    }

    /** A perNodePort service on {@code nodes} nodes: that many tasks, and a deployment that can roll on that many. */
    public ServiceSpec withPerNodeCount(int nodes) {
        return new ServiceSpec(serviceName, schedulingStrategy, nodes, placementConstraints, deployment.rollableFor(nodes),
                propagateTags, tags);
    }

    public ServiceSpec withTags(Map<String, String> newTags) {
        return new ServiceSpec(serviceName, schedulingStrategy, desiredCount, placementConstraints, deployment, propagateTags, newTags);
    }
}
