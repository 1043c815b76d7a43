package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A Cluster's roleArn against a loopback endpoint: by default not assumed, and the run says so
 * once with the option that forces it; {@code --assume-roles always} assumes it through
 * local-ecs's STS and says nothing.
 */
class AssumeRolesOptionTest {
    private static final String NOTICE = "is not assumed";
    private LocalEcsServer ecs;
    @TempDir
    Path repo;

    @BeforeEach
    void start() throws IOException {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().build());
        try (EcsClient sdk = EcsClients.of(ecs.endpoint(), Region.EU_WEST_1.id())) {
            sdk.createCluster(r -> r.clusterName("staging"));
            sdk.registerContainerInstance(r -> r.cluster("staging"));
        }
        Files.createDirectories(repo.resolve("staging"));
        for (String file : new String[] {"cluster.yaml", "papertrail-ssm.yaml"}) {
            Files.copy(Path.of("examples/desired-state/staging", file), repo.resolve("staging").resolve(file));
        }
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    @Test
    void byDefaultTheRoleNotAssumedAgainstALoopbackEndpointIsSaidOnceWithTheOptionThatForcesIt() {
        Captured run = plan();
        assertThat(run.exit).as(run.err).isEqualTo(2);
        assertThat(run.err.split(NOTICE, -1)).as(run.err).hasSize(2);
        assertThat(run.err).contains("arn:aws:iam::123456789012:role/logship-staging", "--assume-roles always");
    }

    @Test
    void assumeRolesAlwaysAssumesTheRoleThroughLocalEcsStsAndSaysNothing() {
        Captured run = plan("--assume-roles", "always");
        assertThat(run.exit).as(run.err).isEqualTo(2);
        assertThat(run.err).doesNotContain(NOTICE);
        assertThat(ecs.stsCallCounts()).containsKey("AssumeRole");
        assertThat(ecs.callCountsByAccount()).containsKey("123456789012");
    }

    /** The notice is about the clusters of the run: --cluster prod (no roleArn) says nothing of staging's role. */
    @Test
    void aRunOfAClusterWithoutARoleSaysNothingOfAnotherClustersRole() throws IOException {
        Files.createDirectories(repo.resolve("prod"));
        Files.writeString(repo.resolve("prod/cluster.yaml"), Manifests.cluster("prod", "prod-ecs"));
        Files.writeString(repo.resolve("prod/papertrail.yaml"), Manifests.forwarder("papertrail"));
        Captured run = plan("--cluster", "prod");
        assertThat(run.exit).as(run.err).isIn(2, 3);
        assertThat(run.err).doesNotContain(NOTICE);
    }

    @Test
    void anUnknownValueIsAUsageErrorNamingTheChoices() {
        Captured run = plan("--assume-roles", "sometimes");
        assertThat(run.exit).isNotZero().isNotEqualTo(2);
        assertThat(run.err).contains("--assume-roles", "auto or always");
    }

    private record Captured(int exit, String err) {}

    /** Runs plan in-process; the notice is a log line, so System.err is captured for the run. */
    private Captured plan(String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("plan", "--repo", repo.toString(),
                "--ecs-endpoint", ecs.endpoint().toString()), java.util.stream.Stream.of(extra)).toArray(String[]::new);
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CliRun run = CliRun.of(args);
            return new Captured(run.exitCode(), run.err() + bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
