package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Issue 11: switching a DAEMON forwarder from logspout to Fluent Bit must not leave a node without a
 * forwarder for longer than one task start. Measured on local-ecs from its own task times: per node,
 * the old (logspout) task's stoppedAt to the new (Fluent Bit) task's startedAt. local-ecs's task start
 * is its convergence delay (here {@link #TASK_START}), standing for ECS's PENDING -> RUNNING.
 */
class AgentSwitchGapTest {
    private static final Duration TASK_START = Duration.ofMillis(1500);
    private static final int NODES = 3;
    private LocalEcsServer ecs;
    private EcsClient sdk;
    @TempDir
    Path repo;

    @BeforeEach
    void start() throws IOException {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(TASK_START).build());
        sdk = EcsClients.of(ecs.endpoint());
        sdk.createCluster(r -> r.clusterName("prod-ecs"));
        for (int i = 0; i < NODES; i++) {
            sdk.registerContainerInstance(r -> r.cluster("prod-ecs"));
        }
        Path example = Path.of("examples/desired-state/prod");
        Files.createDirectories(repo.resolve("prod"));
        Files.copy(example.resolve("cluster.yaml"), repo.resolve("prod/cluster.yaml"));
        Files.copy(example.resolve("fluent-bit.yaml"), repo.resolve("prod/fluent-bit.yaml"));
    }

    @AfterEach
    void stop() {
        sdk.close();
        ecs.close();
    }

    @Test
    void eachNodeIsWithoutAForwarderForAtMostOneTaskStartAndNeverRunsBoth() throws IOException {
        Path manifest = repo.resolve("prod/fluent-bit.yaml");
        String fluentBit = Files.readString(manifest);
        // logspout ships to syslog only: the example's CloudWatch Logs route goes with the agent line
        String logspout = fluentBit.replace("  agent: fluentBit\n", "").replace("  multiline: java\n", "")
                .replace("  bufferLimit: 256M\n", "").replaceFirst("(?m)^    - cloudwatchLogs: .*\n^      match: .*\n", "");
        assertThat(logspout).doesNotContain("fluentBit");
        Files.writeString(manifest, logspout);
        CliRun first = run("apply", "--wait", "60");
        assertThat(first.exit).as(first.out + first.err).isZero();
        Map<String, Task> before = byNode(tasks(DesiredStatus.RUNNING));
        assertThat(before).hasSize(NODES);

        Files.writeString(manifest, fluentBit);
        CliRun plan = run("plan");
        assertThat(plan.exit).as(plan.err).isEqualTo(2);
        assertThat(plan.out).contains("~   prod/papertrail", "taskDefinition.networkMode: (absent) -> host",
                "taskDefinition.containerDefinitions[fluent-bit].image: (absent) -> fluent/fluent-bit:5.1.1",
                "Plan: 0 to create, 1 to update, 0 to recreate, 0 to prune.");
        assertThat(plan.out + plan.err).doesNotContain("papertrailapp", "12345");
        ecs.resetCallCounts();
        CliRun apply = run("apply", "--wait", "60");
        assertThat(apply.exit).as(apply.out + apply.err).isZero();
        Map<String, Long> mutating = new TreeMap<>(ecs.mutatingCallCounts());
        mutating.values().removeIf(v -> v == 0);
        System.out.println("agent switch apply, mutating ECS calls: " + mutating);
        assertThat(mutating).containsEntry("RegisterTaskDefinition", 1L).containsEntry("UpdateService", 1L)
                .doesNotContainKeys("CreateService", "DeleteService");
        assertThat(apply.out + apply.err).doesNotContain("papertrailapp", "12345");
        Map<String, Task> after = byNode(tasks(DesiredStatus.RUNNING));
        assertThat(after).hasSize(NODES);
        assertThat(after.values()).allSatisfy(t -> assertThat(t.taskDefinitionArn()).endsWith("logship-papertrail:2"));

        Map<String, Task> stopped = new TreeMap<>();
        tasks(DesiredStatus.STOPPED).forEach(t -> stopped.put(t.taskArn(), t));
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, Task> node : before.entrySet()) {
            Task old = stopped.get(node.getValue().taskArn());
            Task replacement = after.get(node.getKey());
            assertThat(old).as("logspout task on %s stopped", node.getKey()).isNotNull();
            Duration gap = Duration.between(old.stoppedAt(), replacement.startedAt());
            Duration overlap = Duration.between(replacement.createdAt(), old.stoppedAt());
            figures.append(String.format("%n  node %s: logspout stopped %s, fluent-bit created %s, RUNNING %s: without forwarder %d ms",
                    node.getKey().substring(node.getKey().lastIndexOf('/') + 1), old.stoppedAt(), replacement.createdAt(),
                    replacement.startedAt(), gap.toMillis()));
            assertThat(overlap).as("the old task stops no later than the new one is created: no two forwarders on a node")
                    .isLessThanOrEqualTo(Duration.ZERO);
            assertThat(gap).as("no node without a forwarder for longer than one task start").isPositive()
                    .isLessThanOrEqualTo(TASK_START.plusMillis(100));
        }
        System.out.println("agent switch logspout -> fluentBit on a DAEMON service, " + NODES + " nodes, local-ecs task start "
                + TASK_START.toMillis() + " ms:" + figures + "\n" + plan.out);
    }

    private List<Task> tasks(DesiredStatus status) {
        List<String> arns = sdk.listTasks(r -> r.cluster("prod-ecs").serviceName("papertrail").desiredStatus(status)).taskArns();
        return arns.isEmpty() ? List.of() : sdk.describeTasks(r -> r.cluster("prod-ecs").tasks(arns)).tasks();
    }

    private static Map<String, Task> byNode(List<Task> tasks) {
        Map<String, Task> out = new TreeMap<>();
        tasks.forEach(t -> assertThat(out.put(t.containerInstanceArn(), t)).as("one task per node").isNull());
        return out;
    }

    private record CliRun(int exit, String out, String err) {}

    private CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(),
                "--ecs-endpoint", ecs.endpoint().toString())).toArray(String[]::new);
        return new CliRun(cli.execute(full), out.toString(), err.toString());
    }
}
