package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage and container health in {@code /api/v1/clusters/{name}}, serve against local-ecs over
 * HTTP: a node whose ECS agent is disconnected gets no forwarder task and is named (container
 * instance ARN, EC2 instance id) under {@code coverage.uncoveredNodes}; tasks ECS calls UNHEALTHY
 * make the forwarder Degraded. Without telemetry, silent nodes are unknown (null).
 */
class ServeCoverageTest {
    @TempDir Path tmp;

    @Test
    void namesTheNodeWithoutAForwarderAndReportsUnhealthyTasks() throws Exception {
        Path manifests = Files.createDirectories(tmp.resolve("manifests/prod"));
        Files.writeString(manifests.resolve("cluster.yaml"), TestSnapshots.cluster("prod", "us-east-1"));
        Files.writeString(manifests.resolve("fb.yaml"), TestSnapshots.forwarder("fb", """
                clusters: [prod]
                agent: fluentBit
                image: fluent/fluent-bit:5.1.1-debug
                routes: ["syslog+tls://logs.example.com:6514"]"""));
        // Resync (re-observe ECS) every 500 ms: health changed behind logship's back is seen only by a resync.
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMillis(500));
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20))
                .cluster("prod", 3).build())) {
            assertThat(ecs.setAgentConnected("prod", 1, false)).isEqualTo(1);
            JsonNode node = ServeHarness.JSON.readTree(ecs.stateJson()).path("clusters").path("prod").path("nodes");
            JsonNode disconnected = null;
            for (JsonNode n : node) {
                if (!n.path("agentConnected").asBoolean()) {
                    disconnected = n;
                }
            }
            assertThat(disconnected).isNotNull();
            try (Operator operator = Operator.start(new ServeConfig(tmp.resolve("manifests").toString(), null, null,
                    ecs.endpoint().toString(), "127.0.0.1", 0, null, null, true, null, null, settings))) {
                HttpClient http = HttpClient.newHttpClient();
                URI status = URI.create("http://127.0.0.1:" + operator.port() + "/api/v1/clusters/prod");
                JsonNode seen = waitFor(http, status, "two of three nodes run the forwarder and the third is named",
                        prod -> prod.path("coverage").path("covered").asInt() == 2
                                && prod.path("coverage").path("uncovered").asInt() == 1);
                JsonNode uncovered = seen.path("coverage").path("uncoveredNodes").get(0);
                assertThat(uncovered.path("containerInstanceArn").asText()).isEqualTo(disconnected.path("arn").asText());
                assertThat(uncovered.path("ec2InstanceId").asText()).isEqualTo(disconnected.path("ec2InstanceId").asText())
                        .startsWith("i-");
                assertThat(uncovered.path("agentConnected").asBoolean(true)).isFalse();
                assertThat(uncovered.path("forwarders").get(0).asText()).isEqualTo("fb");
                assertThat(seen.path("coverage").path("silentNodes").isNull()).as("no telemetry: unknown").isTrue();
                assertThat(seen.path("forwarders").get(0).path("uncoveredNodes")).hasSize(1);

                assertThat(ecs.setAgentConnected("prod", 1, true)).isEqualTo(1);
                waitFor(http, status, "the reconnected node runs the forwarder",
                        prod -> prod.path("coverage").path("covered").asInt() == 3
                                && prod.path("coverage").path("uncoveredNodes").isEmpty()
                                && prod.path("forwarders").get(0).path("health").asText().equals("Healthy"));
                assertThat(ecs.setContainerHealth("prod", null, "UNHEALTHY")).isEqualTo(3);
                JsonNode degraded = waitFor(http, status, "UNHEALTHY tasks make the forwarder Degraded",
                        prod -> prod.path("forwarders").get(0).path("health").asText().equals("Degraded"));
                assertThat(degraded.path("forwarders").get(0).path("healthMessage").asText())
                        .isEqualTo("3 of 3 tasks UNHEALTHY (container health check)");
            }
        }
    }

    private static JsonNode waitFor(HttpClient http, URI uri, String what, java.util.function.Predicate<JsonNode> ok)
            throws Exception {
        JsonNode[] last = new JsonNode[1];
        try {
            Waits.until(what, Duration.ofSeconds(30), () -> {
                last[0] = ServeHarness.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                return ok.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0], e);
        }
        return last[0];
    }
}
