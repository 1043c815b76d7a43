package dev.logship.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.LiveDaemon;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonHealthTest {
    private static LiveDaemon daemon(LiveDaemon.Deployment deployment, int running, int revisions, int instances) {
        return new LiveDaemon("arn:aws:ecs:us-east-1:1:daemon/prod/fb", "fb", "ACTIVE", null, null, List.of(), null, null,
                List.of(), false, Map.of(), deployment, running, revisions, instances);
    }

    private static LiveDaemon.Deployment deployment(String status, String reason, boolean tripped) {
        return new LiveDaemon.Deployment("arn:d", status, reason, tripped, null);
    }

    @Test
    void stoppedOrTrippedDeploymentIsDegradedWithEcsReason() {
        assertThat(DaemonHealth.of(daemon(deployment("STOPPED", "No earlier daemon revision to roll back to.", true), 0, 1, 3)))
                .isEqualTo(Health.degraded("daemon deployment STOPPED: No earlier daemon revision to roll back to."));
        assertThat(DaemonHealth.of(daemon(deployment("IN_PROGRESS", "breaker", true), 1, 2, 3)).status())
                .isEqualTo(Health.Status.Degraded);
        assertThat(DaemonHealth.of(daemon(deployment("ROLLBACK_FAILED", null, false), 0, 1, 3)).status())
                .isEqualTo(Health.Status.Degraded);
    }

    @Test
    void inProgressIsProgressingAndSuccessfulOnEveryInstanceIsHealthy() {
        assertThat(DaemonHealth.of(daemon(deployment("IN_PROGRESS", null, false), 2, 2, 4)))
                .isEqualTo(Health.progressing("daemon deployment IN_PROGRESS: 2 of 4 instances run the daemon"));
        assertThat(DaemonHealth.of(daemon(deployment("SUCCESSFUL", "done", false), 4, 1, 4)).status())
                .isEqualTo(Health.Status.Healthy);
        assertThat(DaemonHealth.of(daemon(deployment("SUCCESSFUL", "done", false), 3, 1, 4)).status())
                .isEqualTo(Health.Status.Progressing);
    }
}
