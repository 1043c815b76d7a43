package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.LocalEcs;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS starts an instance's daemon task before any other task on it. */
class DaemonStartOrderTest {
    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder()
            .taskConvergence(Duration.ofMillis(300)).managedInstances("prod", "managed", 1).build());

    @Test
    void serviceTaskWaitsForTheDaemonTaskOnTheSameInstance() {
        EcsClient ecs = LOCAL.ecs();
        DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 25, 0);
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("app", 8080));
        ecs.createService(r -> r.cluster("prod").serviceName("app").taskDefinition("app").desiredCount(1));

        Waits.until("the service task is placed", Duration.ofSeconds(5), () -> ecs.listTasks(r -> r.cluster("prod").serviceName("app")).taskArns().size() == 1);
        var all = ecs.describeTasks(r -> r.cluster("prod").tasks(ecs.listTasks(l -> l.cluster("prod")).taskArns())).tasks();
        Task daemonTask = all.stream().filter(t -> t.group().startsWith("daemon:")).findFirst().orElseThrow();
        Task serviceTask = all.stream().filter(t -> t.group().startsWith("service:")).findFirst().orElseThrow();
        Instant daemonRunning = daemonTask.createdAt().plusMillis(300);
        assertThat(serviceTask.createdAt()).isAfterOrEqualTo(daemonRunning.minusMillis(1));
        assertThat(serviceTask.containerInstanceArn()).isEqualTo(daemonTask.containerInstanceArn());
    }
}
