package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * scheduling: managedDaemon through plan and apply as a user runs them: manifests in a
 * directory, the CLI, the real SDK over HTTP, local-ecs with a Managed Instances provider.
 */
class ManagedDaemonCommandTest {
    private static final Set<String> READS = Set.of("ListTasks", "DescribeTasks", "ListContainerInstances", "DescribeContainerInstances", "ListServices",
            "DescribeServices", "DescribeTaskDefinition", "ListTaskDefinitions", "DescribeClusters", "ListDaemons", "DescribeDaemon",
            "DescribeDaemonDeployments", "DescribeDaemonRevisions", "ListTagsForResource", "ListDaemonTaskDefinitions",
            "DescribeDaemonTaskDefinition", "DescribeCapacityProviders", "ListDaemonDeployments");
    private static final String CLUSTER = "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: managed\nspec:\n"
            + "  clusterName: managed-ecs\n  region: us-east-1\n";

    private LocalEcsServer ecs;
    @TempDir
    Path repo;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws IOException {
        // 600x: a scaled minute of bake time is 0.1 s
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).timeScale(600).build());
        ecs.setManagedInstances("managed-ecs", "managed", 2);
        Files.createDirectories(repo.resolve("managed"));
        Files.writeString(repo.resolve("managed/cluster.yaml"), CLUSTER);
        writeForwarder("fluent/fluent-bit:5.1.1", "managedDaemon");
        ecs.resetCallCounts();
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private void writeForwarder(String image, String scheduling) throws IOException {
        writeForwarder(image, scheduling, "managed");
    }

    private void writeForwarder(String image, String scheduling, String provider) throws IOException {
        String managed = scheduling.equals("managedDaemon")
                ? "  managedDaemon:\n    capacityProviders: [" + provider + "]\n    drainPercent: 50\n    bakeTime: 1m\n" : "";
        Files.writeString(repo.resolve("managed/fluent-bit.yaml"), "apiVersion: logship.dev/v1\nkind: LogForwarder\n"
                + "metadata:\n  name: fluent-bit\nspec:\n  agent: fluentBit\n  image: " + image + "\n  routes:\n"
                + "    - syslog+tls://logs3.papertrailapp.com:12345\n  scheduling: " + scheduling + "\n" + managed
                + "  resources:\n    cpu: 64\n    memory: 256\n");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(),
                "--ecs-endpoint", ecs.endpoint().toString())).toArray(String[]::new);
        Run run = new Run(cli.execute(full), out.toString(), err.toString());
        System.out.println("$ logship " + String.join(" ", args) + " -> " + run.exit() + "\n" + run.out() + run.err());
        return run;
    }

    private Map<String, Long> mutatingCalls() {
        Map<String, Long> calls = new TreeMap<>(ecs.callCounts());
        calls.keySet().removeAll(READS);
        calls.values().removeIf(v -> v == 0);
        return calls;
    }

    private EcsClient sdk() {
        return EcsClients.of(ecs.endpoint());
    }

    @Test
    void createUpdateWithOneNewRevisionNothingOnReApplyThenPrune() throws IOException {
        Run plan = run("plan");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.out()).contains("+   managed/fluent-bit (managed daemon fluent-bit)",
                "managed daemon on capacity providers [managed], family logship-fluent-bit, image fluent/fluent-bit:5.1.1",
                "Plan: 1 to create").doesNotContain("papertrailapp");

        Run apply = run("apply", "--wait", "60");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("health managed/fluent-bit: Healthy (running on 2 of 2 instances");
        assertThat(mutatingCalls()).isEqualTo(Map.of("RegisterDaemonTaskDefinition", 1L, "CreateDaemon", 1L));

        ecs.resetCallCounts();
        Run again = run("apply");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Plan: 0 to create, 0 to update, 0 to recreate, 0 to prune.");
        assertThat(mutatingCalls()).as("re-apply").isEmpty();

        writeForwarder("fluent/fluent-bit:5.1.2", "managedDaemon");
        Run update = run("plan");
        assertThat(update.out()).contains("~   managed/fluent-bit (managed daemon fluent-bit)",
                "taskDefinition.containerDefinitions[fluent-bit].image: fluent/fluent-bit:5.1.1 -> fluent/fluent-bit:5.1.2");
        ecs.resetCallCounts();
        assertThat(run("apply", "--wait", "60").exit()).isZero();
        // One new revision, one deployment, and the content-hash label moved on the daemon (UpdateDaemon takes no tags).
        assertThat(mutatingCalls()).isEqualTo(Map.of("RegisterDaemonTaskDefinition", 1L, "UpdateDaemon", 1L, "TagResource", 1L));

        Files.delete(repo.resolve("managed/fluent-bit.yaml"));
        Files.writeString(repo.resolve("managed/cluster.yaml"), CLUSTER + "  allowEmpty: true\n");
        Run prune = run("plan");
        assertThat(prune.out()).contains("-   managed/fluent-bit (managed daemon fluent-bit)", "1 to prune");
        ecs.resetCallCounts();
        assertThat(run("apply").exit()).isZero();
        assertThat(mutatingCalls()).containsEntry("DeleteDaemon", 1L).doesNotContainKeys("CreateDaemon", "UpdateDaemon");
        try (EcsClient sdk = sdk()) {
            assertThat(sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList()).isEmpty();
        }
    }

    @Test
    void movingBetweenAServiceModeAndManagedDaemonIsAPlannedReplacementNewOneFirst() throws IOException {
        writeForwarder("fluent/fluent-bit:5.1.1", "daemon");
        assertThat(run("apply").exit()).isZero();

        writeForwarder("fluent/fluent-bit:5.1.1", "managedDaemon");
        Run plan = run("plan");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.out()).contains("+   managed/fluent-bit (managed daemon fluent-bit)",
                "replaces service fluent-bit (deleted once the daemon is created)",
                "-   managed/fluent-bit (service fluent-bit)", "replaced by managed daemon fluent-bit (deleted after the daemon is created)",
                "Plan: 1 to create, 0 to update, 0 to recreate, 1 to prune.");
        Run json = run("plan", "--output", "json");
        assertThat(json.out()).contains("\"workload\" : \"daemon\"", "\"workload\" : \"service\"");
        Run apply = run("apply", "--wait", "60");
        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(apply.out().indexOf("created managed daemon fluent-bit")).as("the daemon is created before the service goes")
                .isPositive().isLessThan(apply.out().indexOf("deleted service fluent-bit"));
        try (EcsClient sdk = sdk()) {
            assertThat(sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList()).hasSize(1);
            assertThat(sdk.listServices(r -> r.cluster("managed-ecs")).serviceArns()).isEmpty();
        }

        writeForwarder("fluent/fluent-bit:5.1.1", "daemon");
        Run back = run("plan");
        assertThat(back.out()).contains("+   managed/fluent-bit (service fluent-bit)", "-   managed/fluent-bit (managed daemon fluent-bit)",
                "replaced by service fluent-bit (deleted after the service is created)");
        Run reverse = run("apply");
        assertThat(reverse.exit()).isZero();
        assertThat(reverse.out().indexOf("created service fluent-bit")).isPositive()
                .isLessThan(reverse.out().indexOf("deleted managed daemon fluent-bit"));
        try (EcsClient sdk = sdk()) {
            assertThat(sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList()).isEmpty();
        }
    }

    @Test
    void whenTheNewDaemonCannotBeCreatedTheOldServiceIsKept() throws IOException {
        writeForwarder("fluent/fluent-bit:5.1.1", "daemon");
        assertThat(run("apply").exit()).isZero();

        writeForwarder("fluent/fluent-bit:5.1.1", "managedDaemon", "no-such-provider");
        Run apply = run("apply");
        assertThat(apply.exit()).as("a failed call").isEqualTo(1);
        assertThat(apply.out()).contains("FAILED CreateDaemon for managed/fluent-bit").doesNotContain("deleted service");
        try (EcsClient sdk = sdk()) {
            assertThat(sdk.listServices(r -> r.cluster("managed-ecs")).serviceArns()).as("the node keeps its forwarder").hasSize(1);
            assertThat(sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList()).isEmpty();
        }
    }

    @Test
    void aDaemonChangedByHandIsRevertedOnItsOwnRevision() {
        assertThat(run("apply", "--wait", "60").exit()).isZero();
        try (EcsClient sdk = sdk()) {
            String daemon = sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList().get(0).daemonArn();
            String theirs = sdk.registerDaemonTaskDefinition(r -> r.family("hand-made").containerDefinitions(c -> c.name("agent")
                    .image("vendor/agent:1").memory(128))).daemonTaskDefinitionArn();
            String provider = sdk.describeCapacityProviders(r -> r.capacityProviders("managed")).capacityProviders().get(0)
                    .capacityProviderArn();
            sdk.updateDaemon(r -> r.daemonArn(daemon).daemonTaskDefinitionArn(theirs).capacityProviderArns(provider)
                    .deploymentConfiguration(d -> d.drainPercent(100.0)));
        }
        Run plan = run("plan");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.out()).contains("~   managed/fluent-bit (managed daemon fluent-bit)", "drainPercent: 100.0 -> 50.0",
                "taskDefinition.family: hand-made -> logship-fluent-bit");
        ecs.resetCallCounts();
        Run apply = run("apply", "--wait", "60");
        assertThat(apply.exit()).as(apply.out()).isZero();
        assertThat(mutatingCalls()).as("back on logship's own revision, reused").isEqualTo(Map.of("UpdateDaemon", 1L));
        assertThat(run("plan").exit()).isZero();
    }

    @Test
    void aDaemonLogshipDidNotCreateIsAConflictAndLeftUntouched() {
        try (EcsClient sdk = sdk()) {
            String td = sdk.registerDaemonTaskDefinition(r -> r.family("theirs").containerDefinitions(c -> c.name("agent")
                    .image("vendor/agent:1").memory(128))).daemonTaskDefinitionArn();
            String provider = sdk.describeCapacityProviders(r -> r.capacityProviders("managed")).capacityProviders().get(0)
                    .capacityProviderArn();
            sdk.createDaemon(r -> r.daemonName("fluent-bit").clusterArn("managed-ecs").daemonTaskDefinitionArn(td)
                    .capacityProviderArns(provider));
        }
        ecs.resetCallCounts();

        Run apply = run("apply");
        assertThat(apply.out()).contains("!   managed/fluent-bit (managed daemon fluent-bit)",
                "daemon fluent-bit exists and logship did not create it", "1 in conflict");
        assertThat(apply.exit()).as("applied what it could, but not in sync").isEqualTo(3);
        assertThat(mutatingCalls()).isEmpty();
    }
}
