package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.LocalEcs;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Daemon deployments: batches of drainPercent, bake time on local-ecs's time scale (60: a minute
 * bakes in a second), and the circuit breaker rolling a crash-looping revision back.
 */
class DaemonDeploymentTest {
    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder().timeScale(60)
            .managedInstances(DaemonFixture.CLUSTER, DaemonFixture.PROVIDER, 4).build());

    private final EcsClient ecs = LOCAL.ecs();

    private Set<String> instances() {
        return new HashSet<>(ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns());
    }

    private DaemonDeployment latest(String daemon) {
        return DaemonFixture.deployment(ecs, DaemonFixture.describe(ecs, daemon).deploymentArn());
    }

    @Test
    void updateReplacesInstancesInBatchesOfDrainPercentAndBakesBetweenThem() {
        String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 50, 1);
        Set<String> before = instances();

        var updated = ecs.updateDaemon(r -> r.daemonArn(daemon).daemonTaskDefinitionArn(DaemonFixture.register(ecs, "fluent/fluent-bit:4.1"))
                .capacityProviderArns(DaemonFixture.providerArn(ecs)).deploymentConfiguration(c -> c.drainPercent(50.0).bakeTimeInMinutes(1)));

        DaemonDeployment first = DaemonFixture.deployment(ecs, updated.deploymentArn());
        assertThat(first.status()).isEqualTo(DaemonDeploymentStatus.IN_PROGRESS);
        Set<String> kept = instances();
        kept.retainAll(before);
        assertThat(kept).as("half the instances replaced in the first batch").hasSize(2);
        String target = first.targetDaemonRevision().arn();
        assertThat(DaemonFixture.running(ecs, daemon, target)).isEqualTo(2);
        assertThat(first.sourceDaemonRevisions()).singleElement().satisfies(s -> assertThat(s.totalRunningInstanceCount()).isEqualTo(2));

        Waits.until("the deployment succeeds", Duration.ofSeconds(10), () -> latest(daemon).status() == DaemonDeploymentStatus.SUCCESSFUL);
        Set<String> after = instances();
        after.retainAll(before);
        assertThat(after).as("every instance replaced").isEmpty();
        DaemonDeployment done = latest(daemon);
        assertThat(Duration.between(done.startedAt(), done.finishedAt())).as("two bakes of one scaled minute")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(DaemonFixture.running(ecs, daemon, target)).isEqualTo(4);
        assertThat(DaemonFixture.describe(ecs, daemon).currentRevisions()).hasSize(1);
    }

    @Test
    void crashLoopingRevisionIsRolledBackByTheCircuitBreaker() {
        String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 25, 0);
        String good = DaemonFixture.describe(ecs, daemon).currentRevisions().get(0).arn();

        ecs.updateDaemon(r -> r.daemonArn(daemon).daemonTaskDefinitionArn(DaemonFixture.register(ecs, "fluent/fluent-bit:5.1.1-crashloop"))
                .capacityProviderArns(DaemonFixture.providerArn(ecs)).deploymentConfiguration(c -> c.drainPercent(25.0)));

        Waits.until("the circuit breaker rolls the deployment back", Duration.ofSeconds(10), () -> latest(daemon).status() == DaemonDeploymentStatus.ROLLBACK_SUCCESSFUL);
        DaemonDeployment rolledBack = latest(daemon);
        assertThat(rolledBack.circuitBreaker().status()).isEqualTo(DaemonDeploymentRollbackMonitorsStatus.TRIGGERED);
        assertThat(rolledBack.circuitBreaker().failureCount()).isGreaterThanOrEqualTo(rolledBack.circuitBreaker().threshold());
        assertThat(rolledBack.circuitBreaker().threshold()).isEqualTo(3);
        assertThat(rolledBack.rollback().rollbackTargetDaemonRevisionArn()).isEqualTo(good);
        assertThat(rolledBack.rollback().reason()).contains("circuit breaker");
        assertThat(rolledBack.statusReason()).contains("tasks failed to start");
        assertThat(DaemonFixture.running(ecs, daemon, good)).isEqualTo(4);
        List<String> stopped = ecs.listTasks(r -> r.cluster("prod").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        List<Task> tasks = ecs.describeTasks(r -> r.cluster("prod").tasks(stopped.subList(0, Math.min(100, stopped.size())))).tasks();
        assertThat(tasks).anySatisfy(t -> {
            assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
            assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(t.group()).isEqualTo("daemon:fluent-bit");
        });
    }

    @Test
    void crashLoopingFirstRevisionStopsTheDeploymentWithNothingToRollBackTo() {
        String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:5.1.1-crashloop"), 25, 0);

        Waits.until("the circuit breaker stops the deployment", Duration.ofSeconds(10), () -> latest(daemon).status() == DaemonDeploymentStatus.STOPPED);
        assertThat(latest(daemon).statusReason()).contains("No earlier daemon revision");
    }
}
