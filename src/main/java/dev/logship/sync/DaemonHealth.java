package dev.logship.sync;

import dev.logship.model.LiveDaemon;
import java.util.Set;

/**
 * A managed daemon's health from its latest deployment and its running tasks: Degraded when ECS
 * rolled back, stopped, or tripped the circuit breaker (with ECS's own statusReason), Progressing
 * while a deployment runs or not every instance runs the daemon yet, Healthy when every instance
 * of its capacity providers runs exactly its one current revision.
 */
public final class DaemonHealth {
    private static final Set<String> FAILED = Set.of("ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED",
            "STOPPED");
    private static final Set<String> MOVING = Set.of("PENDING", "IN_PROGRESS", "STOP_REQUESTED");

    private DaemonHealth() {}

    public static Health of(LiveDaemon daemon) {
        LiveDaemon.Deployment d = daemon.latestDeployment();
        if (d != null && (FAILED.contains(d.status()) || d.circuitBreakerTriggered())) {
            String reason = d.statusReason() != null ? d.statusReason() : d.rollbackReason();
            return Health.degraded("daemon deployment " + d.status() + (reason == null ? "" : ": " + reason));
        }
        if (d != null && MOVING.contains(d.status())) {
            return Health.progressing("daemon deployment " + d.status() + ": " + daemon.runningCount() + " of "
                    + daemon.instances() + " instances run the daemon");
        }
        if (daemon.runningCount() == daemon.instances() && daemon.revisionsRunning() <= 1) {
            return Health.healthy("running on " + daemon.instances() + " of " + daemon.instances()
                    + " instances of its capacity providers");
        }
        return Health.progressing(daemon.runningCount() + " of " + daemon.instances() + " instances run the daemon");
    }
}
