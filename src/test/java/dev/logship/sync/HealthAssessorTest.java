package dev.logship.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthAssessorTest {
    private static final TaskDefinitionSpec TD = new TaskDefinitionSpec("logship-a", null, null,
            List.of(new ContainerSpec("logspout", "img", 0, 128, null, true, null, null, null, null, null, null)), null, null, null);

    private static DesiredForwarder forwarder(boolean perNodePort) {
        return new DesiredForwarder(new ForwarderKey("prod", "a"), TD, new ServiceSpec("a",
                perNodePort ? SchedulingStrategy.REPLICA : SchedulingStrategy.DAEMON, null, null, null, null, null),
                perNodePort, false, "h");
    }

    private static LiveService live(SchedulingStrategy strategy, int desired, int running, String rollout, String event) {
        return new LiveService("arn", "a", "ACTIVE", strategy, desired, running, 0, "td", TD, null, null, null, null,
                rollout, event);
    }

    @Test
    void daemonIsHealthyWhenOneTaskRunsPerActiveNode() {
        Health h = HealthAssessor.assess(forwarder(false), Optional.of(live(SchedulingStrategy.DAEMON, 3, 3, "COMPLETED", null)), 3);
        assertThat(h).isEqualTo(Health.healthy("3/3 tasks running"));
    }

    @Test
    void everyTaskRunningButSomeUnhealthyIsDegradedAndAllHealthyOrUnknownIsHealthy() {
        LiveService running = live(SchedulingStrategy.DAEMON, 3, 3, "COMPLETED", null);
        Health h = HealthAssessor.assess(forwarder(false), Optional.of(running.withTasks(
                new dev.logship.model.LiveTasks(2, 1, 0, List.of()))), 3);
        assertThat(h).isEqualTo(Health.degraded("1 of 3 tasks UNHEALTHY (container health check)"));
        assertThat(HealthAssessor.assess(forwarder(false), Optional.of(running.withTasks(
                new dev.logship.model.LiveTasks(2, 0, 1, List.of()))), 3)).isEqualTo(Health.healthy("3/3 tasks running"));
    }

    @Test
    void daemonBelowItsDesiredCountIsProgressing() {
        Health h = HealthAssessor.assess(forwarder(false), Optional.of(live(SchedulingStrategy.DAEMON, 3, 2, "COMPLETED", null)), 3);
        assertThat(h).isEqualTo(Health.progressing("2/3 tasks running"));
    }

    @Test
    void daemonIsJudgedByTheDesiredCountEcsKeepsAtEligibleActiveNodesNotByRegisteredNodes() {
        // 3 registered nodes, one of them DRAINING: ECS sets the DAEMON service's desiredCount to 2.
        Health h = HealthAssessor.assess(forwarder(false), Optional.of(live(SchedulingStrategy.DAEMON, 2, 2, "COMPLETED", null)), 3);
        assertThat(h).isEqualTo(Health.healthy("2/2 tasks running"));
    }

    @Test
    void failedRolloutIsDegradedWithTheLatestEvent() {
        Health h = HealthAssessor.assess(forwarder(false), Optional.of(live(SchedulingStrategy.DAEMON, 3, 1, "FAILED",
                "(service a) deployment failed: tasks failed to start.")), 3);
        assertThat(h.status()).isEqualTo(Health.Status.Degraded);
        assertThat(h.message()).contains("tasks failed to start");
    }

    @Test
    void perNodePortThatCannotPlaceIsDegraded() {
        Health h = HealthAssessor.assess(forwarder(true), Optional.of(live(SchedulingStrategy.REPLICA, 3, 2, "IN_PROGRESS",
                "(service a) was unable to place a task because no container instance met all of its requirements."
                        + " The closest matching container-instance is already using a port required by your task.")), 3);
        assertThat(h.status()).isEqualTo(Health.Status.Degraded);
    }

    @Test
    void perNodePortWithStaleDesiredCountIsProgressing() {
        Health h = HealthAssessor.assess(forwarder(true), Optional.of(live(SchedulingStrategy.REPLICA, 3, 3, "COMPLETED", null)), 4);
        assertThat(h).isEqualTo(Health.progressing("desiredCount 3 but 4 nodes to run on"));
    }

    @Test
    void absentServiceIsMissingAndClusterHealthIsTheWorst() {
        Health missing = HealthAssessor.assess(forwarder(false), Optional.empty(), 3);
        assertThat(missing.status()).isEqualTo(Health.Status.Missing);
        assertThat(Health.worst(List.of(Health.healthy("ok"), missing, Health.progressing("p")))).isEqualTo(missing);
    }
}
