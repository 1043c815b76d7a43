package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;

/** The exit codes a pipeline gates on, through the real CLI against local-ecs (README, Exit codes). */
class ExitCodesTest {
    @TempDir Path repo;
    private LocalEcsServer ecs;

    private void start(Duration taskConvergence) throws Exception {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 2).taskConvergence(taskConvergence).build());
        write("prod/cluster.yaml", Manifests.cluster("prod", "prod-ecs"));
        write("prod/papertrail.yaml", Manifests.forwarder("papertrail"));
    }

    @AfterEach
    void stop() {
        if (ecs != null) {
            ecs.close();
        }
    }

    private void write(String file, String text) throws Exception {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), text);
    }

    private CliRun run(String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(), "--ecs-endpoint",
                ecs.endpoint().toString())).toArray(String[]::new));
    }

    @Test
    void zeroInSyncTwoChangesPending() throws Exception {
        start(Duration.ofMillis(20));
        CliRun plan = run("plan");
        assertThat(plan.exitCode()).isEqualTo(Verdict.CHANGES_PENDING);
        assertThat(plan.out()).contains("Exit 2: changes pending.");
        assertThat(run("apply", "--wait", "30").exitCode()).isEqualTo(Verdict.IN_SYNC);
        CliRun again = run("plan");
        assertThat(again.exitCode()).isEqualTo(Verdict.IN_SYNC);
        assertThat(again.out()).contains("Exit 0: in sync (plan reads no health: apply --wait does).");
    }

    @Test
    void aRefusedPruneIsThreeFromPlanAndApply() throws Exception {
        start(Duration.ofMillis(20));
        assertThat(run("apply").exitCode()).isZero();
        Files.delete(repo.resolve("prod/papertrail.yaml"));
        for (String command : new String[] {"plan", "apply"}) {
            CliRun r = run(command);
            assertThat(r.exitCode()).as(command + r.out()).isEqualTo(Verdict.NOT_HEALTHY);
            assertThat(r.out()).contains("Exit 3: not healthy: refused prune on prod: refusing to prune papertrail");
        }
    }

    @Test
    void aMissingEcsClusterIsTheSameThreeFromPlanAndApplyWithoutAdviceToRetry() throws Exception {
        start(Duration.ofMillis(20));
        write("prod/cluster.yaml", Manifests.cluster("prod", "no-such-ecs"));
        CliRun plan = run("plan");
        CliRun apply = run("apply");
        String verdict = "Exit 3: not healthy: ECS cluster no-such-ecs not found in us-east-1: nothing can be applied"
                + " (create it, or correct clusterName/region in Cluster prod)";
        assertThat(plan.exitCode()).isEqualTo(Verdict.NOT_HEALTHY);
        assertThat(apply.exitCode()).isEqualTo(Verdict.NOT_HEALTHY);
        assertThat(plan.out()).contains(verdict);
        assertThat(apply.out()).contains(verdict);
        assertThat(plan.out() + plan.err() + apply.out() + apply.err()).doesNotContainIgnoringCase("again");
    }

    /** Pending changes on one cluster never make a missing ECS cluster read as "changes pending". */
    @Test
    void aMissingClusterBesidePendingChangesIsSaidApart() throws Exception {
        start(Duration.ofMillis(20));
        write("gone/cluster.yaml", Manifests.cluster("gone", "no-such-ecs"));
        write("gone/papertrail.yaml", Manifests.forwarder("papertrail-gone"));
        CliRun plan = run("plan");
        assertThat(plan.exitCode()).isEqualTo(Verdict.CHANGES_PENDING);
        assertThat(plan.out()).contains("Exit 2: changes pending; not fixed by apply: ECS cluster no-such-ecs not found")
                .doesNotContain("changes pending: ECS cluster");
    }

    @Test
    void waitThatTimesOutIsThreeAndSaysSo() throws Exception {
        start(Duration.ofMinutes(5)); // tasks never reach RUNNING within the wait
        CliRun apply = run("apply", "--wait", "1");
        assertThat(apply.exitCode()).as(apply.out()).isEqualTo(Verdict.NOT_HEALTHY);
        assertThat(apply.out()).contains("Exit 3: not healthy: --wait timed out: cluster prod is Progressing");
    }

    /** Exit 0 without --wait may still be settling: the last line then says so instead of "in sync and healthy". */
    @Test
    void applyWithoutWaitNeverCallsAProgressingServiceHealthy() throws Exception {
        start(Duration.ofMinutes(5)); // tasks stay PENDING
        CliRun apply = run("apply");
        assertThat(apply.exitCode()).as(apply.out()).isEqualTo(Verdict.IN_SYNC);
        assertThat(apply.out()).doesNotContain("healthy.").contains("Exit 0: applied, not healthy yet: prod/papertrail Progressing");
        CliRun plan = run("plan");
        assertThat(plan.out()).doesNotContain("in sync and healthy");
    }

    @Test
    void degradedHealthIsThree() throws Exception {
        start(Duration.ofMillis(20));
        // A hand-made daemon holds port 1234 on every node: the perNodePort forwarder cannot be placed.
        try (EcsClient sdk = EcsClients.of(ecs.endpoint())) {
            String arn = sdk.registerTaskDefinition(r -> r.family("squatter").networkMode(NetworkMode.BRIDGE)
                    .containerDefinitions(c -> c.name("s").image("nginx:1.27").memory(64)
                            .portMappings(p -> p.containerPort(80).hostPort(1234)))).taskDefinition().taskDefinitionArn();
            sdk.createService(r -> r.cluster("prod-ecs").serviceName("squatter").taskDefinition(arn)
                    .schedulingStrategy(SchedulingStrategy.DAEMON));
        }
        write("prod/papertrail.yaml", Manifests.forwarder("papertrail") + "  scheduling: perNodePort\n  hostPort: 1234\n");
        CliRun apply = run("apply", "--wait", "20");
        assertThat(apply.exitCode()).as(apply.out()).isEqualTo(Verdict.NOT_HEALTHY);
        assertThat(apply.out()).contains("Exit 3: not healthy: prod/papertrail Degraded:");
    }

    @Test
    void helpOfEveryGatingCommandListsTheExitCodes() {
        for (String command : new String[] {"plan", "apply"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.out()).as(command).contains("Exit codes:", "2 changes pending", "3 ", "1 error");
        }
    }
}
