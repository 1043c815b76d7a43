package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Manifests;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unreachable --ecs-endpoint (a closed loopback port) fails fast and says what, where and for which cluster. */
class UnreachableEndpointTest {
    @TempDir Path repo;

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again before use: connections are refused
        }
    }

    @Test
    void planAndApplyFailWithinTenSecondsNamingActionEndpointRegionAndCluster() throws Exception {
        Files.createDirectories(repo.resolve("prod"));
        Files.writeString(repo.resolve("prod/cluster.yaml"), Manifests.cluster("prod", "prod-ecs"));
        Files.writeString(repo.resolve("prod/papertrail.yaml"), Manifests.forwarder("papertrail"));
        Files.createDirectories(repo.resolve("staging"));
        Files.writeString(repo.resolve("staging/cluster.yaml"), Manifests.cluster("staging", "staging-ecs"));
        Files.writeString(repo.resolve("staging/papertrail.yaml"), Manifests.forwarder("papertrail-staging"));
        int port = closedPort();
        // Warm-up: the first SDK call of a JVM loads thousands of classes, which on a machine shared by
        // many builds takes seconds of CPU that no client setting controls. Timed: the runs after it.
        CliRun.of("plan", "--repo", repo.toString(), "--ecs-endpoint", "http://127.0.0.1:" + port);
        for (String command : new String[] {"plan", "apply"}) {
            long start = System.nanoTime();
            CliRun run = CliRun.of(command, "--repo", repo.toString(), "--ecs-endpoint", "http://127.0.0.1:" + port);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println(command + " against a closed port: exit " + run.exitCode() + " in " + took.toMillis() + " ms\n"
                    + run.out() + run.err());
            assertThat(run.exitCode()).isEqualTo(Verdict.ERROR);
            assertThat(took).as(command).isLessThan(Duration.ofSeconds(10));
            assertThat(run.out() + run.err()).contains("DescribeClusters failed: EndpointUnreachable: cannot reach ECS at", "127.0.0.1:" + port, "region us-east-1",
                    "prod-ecs", "Connection refused").doesNotContain("Run apply again");
        }
    }
}
