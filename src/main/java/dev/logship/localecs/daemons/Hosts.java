package dev.logship.localecs.daemons;

import java.util.List;

/**
 * What the daemon scheduler needs from the clusters local-ecs holds: their container instances
 * and tasks. The clusters stay in {@code localecs}; daemons reach them only through this.
 */
public interface Hosts {
    /** The ARN of an ACTIVE cluster named by name or ARN; throws ClusterNotFoundException otherwise. */
    String clusterArn(String nameOrArn, String region);

    /** ACTIVE container instances of the cluster that belong to the capacity provider (by name). */
    List<String> instancesOf(String clusterArn, String capacityProviderName);

    /** Starts a daemon task on the instance; the instance runs no other new task until it is RUNNING. */
    String startTask(String clusterArn, String instanceArn, String taskDefinitionArn, String group, long now);

    /** PENDING, RUNNING or STOPPED; STOPPED also for a task local-ecs no longer knows. */
    String taskStatus(String clusterArn, String taskArn, long now);

    /** True when the RUNNING task has been UNHEALTHY (admin hook) long enough for ECS to replace it. */
    boolean failedHealthChecks(String clusterArn, String taskArn, long now);

    void stopTask(String clusterArn, String taskArn, String stopCode, String reason, long now);

    /** Drains and terminates the instance and registers a replacement in the same capacity provider. */
    String replaceInstance(String clusterArn, String instanceArn, long now);

    /** Gives the capacity provider exactly {@code count} ACTIVE instances (admin API and tests). */
    void setInstanceCount(String clusterArn, String capacityProviderName, int count, long now);
}
