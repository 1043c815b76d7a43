package dev.logship.reconcile;

/**
 * One forwarder on one cluster as last observed: whether it equals Git, its health, tasks
 * running against the tasks it should run, the task definition it runs ({@code family:revision})
 * and the pending change (a verb such as "update", or "no change"). Holds no secrets.
 */
public record ForwarderStatus(String name, SyncStatus syncStatus, String health, String healthMessage,
                              Integer running, Integer desired, String taskDefinition, String change) {
}
