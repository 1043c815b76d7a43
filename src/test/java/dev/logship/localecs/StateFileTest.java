package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;

/** With a state file, a restart loses nothing: definitions, services, tasks, tags, nodes. */
class StateFileTest {

    @Test
    void aRestartedServerPicksUpWhereTheLastOneStopped(@TempDir Path dir) {
        Path file = dir.resolve("state/local-ecs.json");
        LocalEcsConfig config = LocalEcsConfig.builder().cluster("prod", 2).stateFile(file).build();
        Service before;
        List<String> tasksBefore;
        try (LocalEcsServer server = LocalEcsServer.start(config); EcsClient ecs = EcsClients.of(server.endpoint())) {
            ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
            ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                    .schedulingStrategy(SchedulingStrategy.DAEMON).tags(Tag.builder().key("owner").value("logship").build()));
            server.setNodeCount("prod", 3);
            before = ecs.describeServices(r -> r.cluster("prod").services("logspout").include(ServiceField.TAGS)).services().get(0);
            tasksBefore = ecs.listTasks(r -> r.cluster("prod")).taskArns();
        }
        assertThat(file).exists();
        assertThat(Files.isRegularFile(file)).isTrue();

        LocalEcsConfig restart = LocalEcsConfig.builder().stateFile(file).build();
        try (LocalEcsServer server = LocalEcsServer.start(restart); EcsClient ecs = EcsClients.of(server.endpoint())) {
            Service after = ecs.describeServices(r -> r.cluster("prod").services("logspout").include(ServiceField.TAGS)).services().get(0);

            assertThat(after).isEqualTo(before);
            assertThat(ecs.listTasks(r -> r.cluster("prod")).taskArns()).containsExactlyInAnyOrderElementsOf(tasksBefore);
            assertThat(ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234)).taskDefinition().revision())
                    .isEqualTo(2);
            assertThat(server.nodeCounts()).containsEntry("prod", 3);
        }
    }
}
