package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service as observed in ECS. {@code taskDefinition} is the resolved content of
 * {@code taskDefinitionArn} (null if it could not be described). {@code latestEvent} is the
 * newest service event message, if any. {@code tasks} is null unless they were observed
 * ({@link LiveTasks}).
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
        String latestEvent,
        LiveTasks tasks) {

    public LiveService(String serviceArn, String serviceName, String status, SchedulingStrategy schedulingStrategy,
                       int desiredCount, int runningCount, int pendingCount, String taskDefinitionArn,
                       TaskDefinitionSpec taskDefinition, List<PlacementConstraint> placementConstraints,
                       DeploymentSpec deployment, String propagateTags, Map<String, String> tags, String rolloutState,
                       String latestEvent) {
        this(serviceArn, serviceName, status, schedulingStrategy, desiredCount, runningCount, pendingCount, taskDefinitionArn,
                taskDefinition, placementConstraints, deployment, propagateTags, tags, rolloutState, latestEvent, null);
    }

    /** The same service with its tasks observed. */
    public LiveService withTasks(LiveTasks observed) {
        return new LiveService(serviceArn, serviceName, status, schedulingStrategy, desiredCount, runningCount, pendingCount,
                taskDefinitionArn, taskDefinition, placementConstraints, deployment, propagateTags, tags, rolloutState,
                latestEvent, observed);
    }

    /** Whether any container of its task definition has a health check (then ECS judges task health). */
    public boolean healthChecked() {
        return taskDefinition != null && taskDefinition.containers().stream().anyMatch(c -> c.healthCheck() != null);
    }

    public LiveService {
        Objects.requireNonNull(serviceName, "serviceName");
        placementConstraints = Immutable.list(placementConstraints);
        deployment = deployment == null ? DeploymentSpec.defaults() : deployment;
        tags = Immutable.sortedMap(tags);
    }
}
