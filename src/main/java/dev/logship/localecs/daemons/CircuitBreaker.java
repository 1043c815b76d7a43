package dev.logship.localecs.daemons;

/**
 * Trips a daemon deployment once its failed daemon tasks reach the threshold: rolls back to the
 * revision the instances ran before, or stops the deployment when there is none to go back to.
 */
final class CircuitBreaker {
    static final String TASKS_FAILED = "ECS daemon deployment circuit breaker: tasks failed to start.";

    private CircuitBreaker() {
    }

    static boolean check(DaemonState daemon, DeploymentState dep, long now) {
        if (dep.status.equals("ROLLBACK_IN_PROGRESS")) {
            return dep.failureCount - dep.failuresAtRollback >= dep.threshold && rollbackFailed(daemon, dep, now);
        }
        if (!dep.circuitBreakerStatus.equals("MONITORING") || dep.failureCount < dep.threshold) {
            return false;
        }
        dep.circuitBreakerStatus = "TRIGGERED";
        dep.batch.clear();
        dep.bakeUntilMillis = null;
        if (dep.status.equals("IN_PROGRESS") && !dep.sourceRevisionArns.isEmpty()) {
            dep.status = "ROLLBACK_IN_PROGRESS";
            dep.rollbackReason = TASKS_FAILED;
            dep.rollbackStartedAtMillis = now;
            dep.rollbackTargetRevisionArn = dep.sourceRevisionArns.get(0);
            dep.failuresAtRollback = dep.failureCount;
            dep.statusReason = TASKS_FAILED + " Rolling back to daemon revision " + dep.rollbackTargetRevisionArn + ".";
        } else if (dep.status.equals("IN_PROGRESS")) {
            dep.status = "STOPPED";
            dep.stoppedAtMillis = now;
            dep.statusReason = TASKS_FAILED + " No earlier daemon revision to roll back to.";
            daemon.currentRevisionArn = dep.targetRevisionArn;
        }
        return true;
    }

    private static boolean rollbackFailed(DaemonState daemon, DeploymentState dep, long now) {
        dep.status = "ROLLBACK_FAILED";
        dep.stoppedAtMillis = now;
        dep.statusReason = TASKS_FAILED + " The rollback revision failed too.";
        daemon.currentRevisionArn = dep.rollbackTargetRevisionArn;
        return true;
    }
}
