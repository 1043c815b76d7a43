package dev.logship.localecs.clusters;


/** One deployment of a service: PRIMARY (newest) or ACTIVE (being replaced). */
public final class DeploymentState {
    public String id;
    public String status;
    public String taskDefinition;
    public long createdAtMillis;
    public long updatedAtMillis;
    /** IN_PROGRESS, COMPLETED or FAILED. */
    public String rolloutState;
    public String rolloutStateReason;
    /** Tasks of this deployment that failed (stopped by their own crash), as the circuit breaker counts them. */
    public int failedTasks;

    public static DeploymentState primary(String id, String taskDefinition, long now) {
        DeploymentState d = new DeploymentState();
        d.id = id;
        d.status = "PRIMARY";
        d.taskDefinition = taskDefinition;
        d.createdAtMillis = now;
        d.updatedAtMillis = now;
        d.rolloutState = "IN_PROGRESS";
        d.rolloutStateReason = "ECS deployment " + id + " in progress.";
        return d;
    }
}
