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

/**
 * The AWS CLI 1.45.11 (botocore 1.43.11, the first with the daemon API), unchanged but for
 * AWS_ENDPOINT_URL_ECS, walks every daemon action and the Managed Instances capacity provider.
 */
class AwsCliDaemonWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINERS = "[{\"name\":\"fluent-bit\",\"image\":\"fluent/fluent-bit:4.0\",\"memory\":128}]";
    private static LocalEcsServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 0).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AwsCliPath.aws(), "ecs"));
        command.addAll(List.of(args));
        command.addAll(List.of("--output", "json"));
        ExternalTool.Result result = ExternalTool.run(command, ExternalTool.awsEnvironment(server), dir);
        assertThat(result.exitCode()).as("aws ecs %s failed: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    @Test
    void walksEveryDaemonAction() throws Exception {
        JsonNode provider = ok("create-capacity-provider", "--name", "managed", "--cluster", "prod",
                "--managed-instances-provider", "{\"infrastructureRoleArn\":\"arn:aws:iam::000000000000:role/infra\","
                        + "\"instanceLaunchTemplate\":{\"ec2InstanceProfileArn\":\"arn:aws:iam::000000000000:instance-profile/ecs\","
                        + "\"networkConfiguration\":{\"subnets\":[\"subnet-1\"]}}}").path("capacityProvider");
        assertThat(provider.path("type").asText()).isEqualTo("MANAGED_INSTANCES");
        assertThat(ok("describe-capacity-providers", "--capacity-providers", "managed").path("capacityProviders").get(0)
                .path("cluster").asText()).isEqualTo("prod");
        server.setManagedInstances("prod", "managed", 2);

        String v1 = ok("register-daemon-task-definition", "--family", "fluent-bit", "--container-definitions", CONTAINERS)
                .path("daemonTaskDefinitionArn").asText();
        String v2 = ok("register-daemon-task-definition", "--family", "fluent-bit", "--container-definitions",
                CONTAINERS.replace("4.0", "4.1")).path("daemonTaskDefinitionArn").asText();
        assertThat(ok("describe-daemon-task-definition", "--daemon-task-definition", v1).path("daemonTaskDefinition")
                .path("revision").asInt()).isEqualTo(1);
        assertThat(ok("list-daemon-task-definitions", "--family", "fluent-bit").path("daemonTaskDefinitions")).hasSize(2);

        JsonNode created = ok("create-daemon", "--daemon-name", "fluent-bit", "--cluster-arn", "prod",
                "--daemon-task-definition-arn", v1, "--capacity-provider-arns", provider.path("capacityProviderArn").asText(),
                "--deployment-configuration", "drainPercent=50,bakeTimeInMinutes=0", "--tags", "key=owner,value=me");
        String daemon = created.path("daemonArn").asText();
        assertThat(daemon).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/prod/fluent-bit");
        JsonNode updated = ok("update-daemon", "--daemon-arn", daemon, "--daemon-task-definition-arn", v2,
                "--capacity-provider-arns", provider.path("capacityProviderArn").asText());
        assertThat(updated.path("deploymentArn").asText()).isNotEqualTo(created.path("deploymentArn").asText());

        JsonNode detail = ok("describe-daemon", "--daemon-arn", daemon).path("daemon");
        assertThat(detail.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ok("list-daemons", "--cluster-arn", "prod").path("daemonSummariesList").get(0).path("daemonArn").asText())
                .isEqualTo(daemon);
        JsonNode deployments = ok("list-daemon-deployments", "--daemon-arn", daemon).path("daemonDeployments");
        assertThat(deployments).hasSize(2);
        JsonNode deployment = ok("describe-daemon-deployments", "--daemon-deployment-arns",
                updated.path("deploymentArn").asText()).path("daemonDeployments").get(0);
        String target = deployment.path("targetDaemonRevision").path("arn").asText();
        assertThat(ok("describe-daemon-revisions", "--daemon-revision-arns", target).path("daemonRevisions").get(0)
                .path("daemonTaskDefinitionArn").asText()).isEqualTo(v2);

        assertThat(ok("delete-daemon", "--daemon-arn", daemon).path("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(ok("delete-daemon-task-definition", "--daemon-task-definition", v1).path("daemonTaskDefinitionArn").asText())
                .isEqualTo(v1);
        assertThat(ok("list-daemons").path("daemonSummariesList")).isEmpty();
    }
}
