package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A daemon deployment: moves instances to a target revision in batches, bakes, may roll back. */
final class DeploymentState {
    public String arn;
    public String daemonArn;
    public String clusterArn;
    /** One of ECS's DaemonDeploymentStatus values. */
    public String status = "IN_PROGRESS";
    public String statusReason;
    public String targetRevisionArn;
    public List<String> sourceRevisionArns = new ArrayList<>();
    public ObjectNode deploymentConfiguration;
    public long createdAtMillis;
    public Long startedAtMillis;
    public Long stoppedAtMillis;
    public Long finishedAtMillis;
    public int failureCount;
    public int threshold;
    /** failureCount when the rollback began; rollback failures count from here. */
    public int failuresAtRollback;
    /** MONITORING, TRIGGERED, MONITORING_COMPLETE. */
    public String circuitBreakerStatus = "MONITORING";
    public String rollbackReason;
    public Long rollbackStartedAtMillis;
    public String rollbackTargetRevisionArn;
    /** Replacement instances of the batch in flight. */
    public List<String> batch = new ArrayList<>();
    public Long bakeUntilMillis;

    boolean active() {
        return status.equals("IN_PROGRESS") || status.equals("ROLLBACK_IN_PROGRESS");
    }

    /** The revision instances move to now: the target, or the rollback target once rolling back. */
    String movingTo() {
        return status.equals("ROLLBACK_IN_PROGRESS") ? rollbackTargetRevisionArn : targetRevisionArn;
    }
}
