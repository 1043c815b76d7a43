package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service as observed in ECS. {@code taskDefinition} is the resolved content of
 * {@code taskDefinitionArn} (null if it could not be described). {@code latestEvent} is the
 * newest service event message, if any.
 */
public record LiveService(
        String serviceArn,
        String serviceName,
        String status,
        SchedulingStrategy schedulingStrategy,
        int desiredCount,
        int runningCount,
        int pendingCount,
        String taskDefinitionArn,
        TaskDefinitionSpec taskDefinition,
        List<PlacementConstraint> placementConstraints,
        DeploymentSpec deployment,
        String propagateTags,
        Map<String, String> tags,
        String rolloutState,
        String latestEvent) {

    public LiveService {
        Objects.requireNonNull(serviceName, "serviceName");
        placementConstraints = Immutable.list(placementConstraints);
        deployment = deployment == null ? DeploymentSpec.defaults() : deployment;
        tags = Immutable.sortedMap(tags);
    }
}
