package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;

/** With a state file, a restart keeps capacity providers, daemon task definitions, daemons and their tasks. */
class DaemonStateFileTest {

    @Test
    void aRestartedServerStillRunsTheDaemonOnEveryInstance(@TempDir Path dir) {
        Path file = dir.resolve("local-ecs.json");
        DaemonDetail before;
        List<String> tasksBefore;
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().managedInstances("prod", "managed", 2)
                .stateFile(file).build()); EcsClient ecs = EcsClients.of(server.endpoint())) {
            String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 50, 0);
            before = DaemonFixture.describe(ecs, daemon);
            tasksBefore = ecs.listTasks(r -> r.cluster("prod")).taskArns();
        }

        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().stateFile(file).build());
                EcsClient ecs = EcsClients.of(server.endpoint())) {
            assertThat(DaemonFixture.describe(ecs, before.daemonArn())).isEqualTo(before);
            assertThat(ecs.listTasks(r -> r.cluster("prod")).taskArns()).containsExactlyInAnyOrderElementsOf(tasksBefore);
            assertThat(DaemonFixture.providerArn(ecs)).endsWith("capacity-provider/managed");

            server.setManagedInstances("prod", "managed", 3);
            assertThat(DaemonFixture.describe(ecs, before.daemonArn()).currentRevisions().get(0).totalRunningCount()).isEqualTo(3);
        }
    }
}
