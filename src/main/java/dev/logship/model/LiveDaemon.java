package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A managed daemon as observed: its settings, its tags, the revision its latest deployment
 * targets, that deployment, and how many instances of its capacity providers run its task.
 * {@code taskDefinition} is the resolved content of {@code taskDefinitionArn} (null if unknown).
 * {@code revisionsInUse}: the daemon task definition ARNs of every revision the daemon still runs
 * or its latest deployment moves from or to (revision clean-up never deletes one of them).
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
        int instances,
        Set<String> revisionsInUse) {

    /** A daemon deployment as ECS reports it: DaemonDeploymentStatus, statusReason, circuit breaker. */
    public record Deployment(String arn, String status, String statusReason, boolean circuitBreakerTriggered,
            String rollbackReason) {
        public Deployment {
            Objects.requireNonNull(status, "status");
        }
    }

    /** Without revisions in use beyond the latest deployment's target. */
    public LiveDaemon(String daemonArn, String daemonName, String status, String taskDefinitionArn,
            TaskDefinitionSpec taskDefinition, List<String> capacityProviderArns, Double drainPercent, Integer bakeTimeMinutes,
            List<String> alarmNames, boolean alarmRollback, Map<String, String> tags, Deployment latestDeployment,
            int runningCount, int revisionsRunning, int instances) {
        this(daemonArn, daemonName, status, taskDefinitionArn, taskDefinition, capacityProviderArns, drainPercent,
                bakeTimeMinutes, alarmNames, alarmRollback, tags, latestDeployment, runningCount, revisionsRunning, instances,
                taskDefinitionArn == null ? Set.of() : Set.of(taskDefinitionArn));
    }

    public LiveDaemon {
        Objects.requireNonNull(daemonName, "daemonName");
        revisionsInUse = revisionsInUse == null ? Set.of() : Set.copyOf(revisionsInUse);
        capacityProviderArns = Immutable.list(capacityProviderArns);
        alarmNames = Immutable.list(alarmNames);
        tags = Immutable.sortedMap(tags);
    }
}
