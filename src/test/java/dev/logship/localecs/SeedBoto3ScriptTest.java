package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The seed's 2016 boto3 script still works against local-ecs and gets one logspout per node. */
class SeedBoto3ScriptTest {

    @Test
    void theOriginalScriptRunsOneLogspoutPerNode(@TempDir Path dir) throws Exception {
        int nodes = 4;
        Path script = dir.resolve("logspout_2016.py");
        try (InputStream in = getClass().getResourceAsStream("/seed/logspout_2016.py")) {
            Files.copy(in, script);
        }
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("my-cluster", nodes).build());
                EcsClient ecs = EcsClients.of(server.endpoint())) {
            Map<String, String> env = new HashMap<>(ExternalTool.awsEnvironment(server));
            env.put("SEED_REGION", "us-east-1");
            env.put("SEED_CLUSTER", "my-cluster");
            env.put("SEED_NODES", String.valueOf(nodes));

            ExternalTool.Result result = ExternalTool.run(List.of("python3", script.toString()), env, dir);

            assertThat(result.exitCode()).as("python3 logspout_2016.py: %s", result.stderr()).isZero();
            TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition("my-task-def")).taskDefinition();
            assertThat(td.revision()).isEqualTo(1);
            assertThat(td.volumes().get(0).host().sourcePath()).isEqualTo("/var/run/docker.sock");
            Service service = ecs.describeServices(r -> r.cluster("my-cluster").services("logspout-service")).services().get(0);
            assertThat(service.runningCount()).isEqualTo(nodes);
            List<String> arns = ecs.listTasks(r -> r.cluster("my-cluster").serviceName("logspout-service")).taskArns();
            List<Task> tasks = ecs.describeTasks(r -> r.cluster("my-cluster").tasks(arns)).tasks();
            assertThat(tasks).hasSize(nodes).extracting(Task::containerInstanceArn).doesNotHaveDuplicates();
            assertThat(server.callCounts()).containsEntry("RegisterTaskDefinition", 1L).containsEntry("CreateService", 1L);
        }
    }
}
