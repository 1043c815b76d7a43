package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A managed daemon as observed: its settings, its tags, the revision its latest deployment
 * targets, that deployment, and how many instances of its capacity providers run its task.
 * {@code taskDefinition} is the resolved content of {@code taskDefinitionArn} (null if unknown).
 */
public record LiveDaemon(
        String daemonArn,
        String daemonName,
        String status,
        String taskDefinitionArn,
        TaskDefinitionSpec taskDefinition,
        List<String> capacityProviderArns,
        Double drainPercent,
        Integer bakeTimeMinutes,
        List<String> alarmNames,
        boolean alarmRollback,
        Map<String, String> tags,
        Deployment latestDeployment,
        int runningCount,
        int revisionsRunning,
        int instances) {

    /** A daemon deployment as ECS reports it: DaemonDeploymentStatus, statusReason, circuit breaker. */
    public record Deployment(String arn, String status, String statusReason, boolean circuitBreakerTriggered,
            String rollbackReason) {
        public Deployment {
            Objects.requireNonNull(status, "status");
        }
    }

    public LiveDaemon {
        Objects.requireNonNull(daemonName, "daemonName");
        capacityProviderArns = Immutable.list(capacityProviderArns);
        alarmNames = Immutable.list(alarmNames);
        tags = Immutable.sortedMap(tags);
    }
}
