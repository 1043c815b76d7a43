package dev.logship.localecs.clusters;

import java.util.ArrayList;
import java.util.List;

/** A task placed on a node; RUNNING once the convergence delay has passed since creation. */
public final class TaskState {
    public String arn;
    public String taskDefinitionArn;
    public String containerInstanceArn;
    public String serviceName;
    public String deploymentId;
    /** The task group when no service started it (e.g. "daemon:NAME"). */
    public String group;
    public long createdAtMillis;
    public Long stoppedAtMillis;
    public String stoppedReason;
    /** ECS's stopCode: ServiceSchedulerInitiated unless the task's own essential container exited. */
    public String stopCode;
    /** Container health set through the admin API (HEALTHY, UNHEALTHY, UNKNOWN); null: the cluster's ({@link ContainerHealth}). */
    public String healthStatus;
    /** When {@link #healthStatus} was set (the scheduler replaces an UNHEALTHY task some time after). */
    public Long healthSetAtMillis;
    /** Host ports this task holds on its node (fixed host ports only). */
    public List<Integer> hostPorts = new ArrayList<>();

    public boolean stopped() {
        return stoppedAtMillis != null;
    }

    public boolean running(long now, long convergenceMillis) {
        return !stopped() && now >= createdAtMillis + convergenceMillis;
    }

    String lastStatus(long now, long convergenceMillis) {
        if (stopped()) {
            return "STOPPED";
        }
        return running(now, convergenceMillis) ? "RUNNING" : "PENDING";
    }

    public void stop(long now, String reason) {
        stop(now, reason, "ServiceSchedulerInitiated");
    }

    public void stop(long now, String reason, String code) {
        stoppedAtMillis = now;
        stoppedReason = reason;
        stopCode = code;
    }
}
