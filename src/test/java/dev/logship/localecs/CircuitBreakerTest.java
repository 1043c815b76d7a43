package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** Crash-looping images and ECS's deployment circuit breaker, through the real SDK over HTTP. */
class CircuitBreakerTest {
    private LocalEcsServer server;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs = EcsClients.of(server.endpoint());
        register("fluent/fluent-bit:5.1.1"); // revision 1: healthy
        register("fluent/fluent-bit:5.1.1-crashloop"); // revision 2: exits right after start
    }

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    private void register(String image) {
        ecs.registerTaskDefinition(r -> r.family("fb").containerDefinitions(
                ContainerDefinition.builder().name("fb").image(image).memory(64).build()));
    }

    private void createDaemon(boolean enable, boolean rollback) {
        ecs.createService(r -> r.cluster("prod").serviceName("fb").taskDefinition("fb:1")
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(enable).rollback(rollback))));
        Waits.until("fb:1 completed", Duration.ofSeconds(10), () -> service().deployments().get(0).rolloutState()
                == DeploymentRolloutState.COMPLETED);
    }

    private Service service() {
        return ecs.describeServices(r -> r.cluster("prod").services("fb")).services().get(0);
    }

    private List<Task> stoppedTasks() {
        List<String> arns = ecs.listTasks(r -> r.cluster("prod").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("prod").tasks(arns)).tasks();
    }

    @Test
    void crashLoopingImageStopsItsTasksAsAnExitedEssentialContainerAndNeverCompletes() {
        createDaemon(false, false);

        ecs.updateService(r -> r.cluster("prod").service("fb").taskDefinition("fb:2"));

        Waits.until("crashing tasks counted", Duration.ofSeconds(10), () -> service().deployments().get(0).failedTasks() >= 6);
        assertThat(stoppedTasks()).filteredOn(t -> t.taskDefinitionArn().endsWith("fb:2")).isNotEmpty()
                .allSatisfy(t -> {
                    assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
                    assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
                });
        // Without the circuit breaker ECS keeps trying: the deployment stays IN_PROGRESS.
        assertThat(service().deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
    }

    @Test
    void circuitBreakerFailsTheDeploymentAtItsThresholdAndStopsLaunching() {
        createDaemon(true, false);

        ecs.updateService(r -> r.cluster("prod").service("fb").taskDefinition("fb:2"));

        Waits.until("deployment FAILED", Duration.ofSeconds(10), () -> service().deployments().get(0).rolloutState()
                == DeploymentRolloutState.FAILED);
        Deployment failed = service().deployments().get(0);
        assertThat(failed.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(failed.taskDefinition()).endsWith("fb:2");
        long launched = stoppedTasks().stream().filter(t -> t.taskDefinitionArn().endsWith("fb:2")).count();
        service();
        service();
        assertThat(stoppedTasks().stream().filter(t -> t.taskDefinitionArn().endsWith("fb:2")).count())
                .as("no task launched after FAILED").isEqualTo(launched);
        assertThat(service().events()).anySatisfy(e -> assertThat(e.message()).contains("deployment failed: tasks failed to start"));
    }

    @Test
    void circuitBreakerWithRollbackReturnsToTheLastCompletedRevision() {
        createDaemon(true, true);

        ecs.updateService(r -> r.cluster("prod").service("fb").taskDefinition("fb:2"));

        Waits.until("rolled back to fb:1 and completed", Duration.ofSeconds(10), () -> {
            Service s = service();
            return s.taskDefinition().endsWith("fb:1") && s.deployments().size() == 1
                    && s.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED;
        });
        Service s = service();
        assertThat(s.runningCount()).isEqualTo(3);
        assertThat(s.events()).anySatisfy(e -> assertThat(e.message()).contains("rolling back to deployment"));
    }
}
