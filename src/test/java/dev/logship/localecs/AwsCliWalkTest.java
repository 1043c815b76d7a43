package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.testkit.AwsCliPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI, unchanged but for AWS_ENDPOINT_URL_ECS, walks a forwarder's whole life. */
class AwsCliWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINERS = "[{\"name\":\"logspout\",\"image\":\"gliderlabs/logspout\",\"memory\":128,"
            + "\"portMappings\":[{\"containerPort\":1234,\"hostPort\":1234}],\"command\":[\"syslog+tls://logs.example.com:1\"]}]";
    private static LocalEcsServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 3).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ExternalTool.Result aws(String... args) {
        List<String> command = new ArrayList<>(List.of(AwsCliPath.aws(), "ecs"));
        command.addAll(List.of(args));
        command.addAll(List.of("--output", "json"));
        return ExternalTool.run(command, ExternalTool.awsEnvironment(server), dir);
    }

    private static JsonNode ok(String... args) throws Exception {
        ExternalTool.Result result = aws(args);
        assertThat(result.exitCode()).as("aws ecs %s failed: %s", String.join(" ", args), result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    @Test
    void registerCreateDescribeUpdateListAndDeleteADaemonService() throws Exception {
        JsonNode first = ok("register-task-definition", "--family", "logspout", "--container-definitions", CONTAINERS,
                "--tags", "key=logship.dev/managed-by,value=logship");
        JsonNode second = ok("register-task-definition", "--family", "logspout", "--container-definitions", CONTAINERS);
        assertThat(first.path("taskDefinition").path("revision").asInt()).isEqualTo(1);
        assertThat(second.path("taskDefinition").path("revision").asInt()).isEqualTo(2);
        assertThat(first.path("taskDefinition").path("containerDefinitions").get(0).path("portMappings").get(0)
                .path("protocol").asText()).isEqualTo("tcp");

        JsonNode created = ok("create-service", "--cluster", "prod", "--service-name", "logspout",
                "--task-definition", "logspout:1", "--scheduling-strategy", "DAEMON",
                "--tags", "key=logship.dev/managed-by,value=logship");
        assertThat(created.path("service").path("serviceArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/prod/logspout");

        JsonNode described = ok("describe-services", "--cluster", "prod", "--services", "logspout", "--include", "TAGS")
                .path("services").get(0);
        assertThat(described.path("runningCount").asInt()).isEqualTo(3);
        assertThat(described.path("schedulingStrategy").asText()).isEqualTo("DAEMON");
        assertThat(described.path("tags").get(0).path("key").asText()).isEqualTo("logship.dev/managed-by");
        assertThat(described.path("createdAt").isTextual() || described.path("createdAt").isNumber()).isTrue();

        JsonNode updated = ok("update-service", "--cluster", "prod", "--service", "logspout", "--task-definition", "logspout:2");
        assertThat(updated.path("service").path("taskDefinition").asText()).endsWith("task-definition/logspout:2");
        assertThat(updated.path("service").path("deployments").get(0).path("status").asText()).isEqualTo("PRIMARY");

        assertThat(ok("list-services", "--cluster", "prod").path("serviceArns").get(0).asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/prod/logspout");

        JsonNode deleted = ok("delete-service", "--cluster", "prod", "--service", "logspout");
        assertThat(deleted.path("service").path("status").asText()).isEqualTo("DRAINING");
        assertThat(ok("list-services", "--cluster", "prod").path("serviceArns")).isEmpty();
        assertThat(ok("describe-services", "--cluster", "prod", "--services", "logspout").path("services").get(0)
                .path("status").asText()).isEqualTo("INACTIVE");
    }

    @Test
    void errorsReachTheCliWithTheirEcsNames() {
        ExternalTool.Result result = aws("describe-services", "--cluster", "ghost", "--services", "x");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("ClusterNotFoundException").contains("Cluster not found.");
    }
}
