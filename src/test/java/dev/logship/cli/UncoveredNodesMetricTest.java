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
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logship_nodes_uncovered} comes from ECS, not from telemetry: serve without an ingest
 * against local-ecs over HTTP; a container instance joins the cluster and, until its forwarder task
 * runs (local-ecs starts tasks after 6 s here), it is counted in /metrics and named (container
 * instance ARN, EC2 instance id) in the cluster's coverage; once the task runs, 0 again.
 */
class UncoveredNodesMetricTest {
    static final Duration TASK_START = Duration.ofSeconds(6);
    @TempDir Path tmp;

    @Test
    void aNodeThatJoinsIsUncoveredUntilItsForwarderRunsWithoutTelemetry() throws Exception {
        Path manifests = Files.createDirectories(tmp.resolve("manifests/prod"));
        Files.writeString(manifests.resolve("cluster.yaml"), TestSnapshots.cluster("prod", "us-east-1"));
        Files.writeString(manifests.resolve("fb.yaml"), TestSnapshots.forwarder("fb", """
                clusters: [prod]
                agent: fluentBit
                routes: ["syslog+tls://logs.example.com:6514"]"""));
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMillis(300));
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(TASK_START).cluster("prod", 2).build());
             Operator operator = Operator.start(new ServeConfig(tmp.resolve("manifests").toString(), null, null,
                     ecs.endpoint().toString(), "127.0.0.1", 0, null, null, true, null, null, settings))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + operator.port();
            String metric = "logship_nodes_uncovered{cluster=\"prod\"} ";
            Waits.until("both nodes run the forwarder", Duration.ofSeconds(60), () -> get(http, base + "/metrics").contains(metric + "0.0")
                    && ServeHarness.JSON.readTree(get(http, base + "/api/v1/clusters/prod")).path("coverage").path("covered").asInt() == 2);
            assertThat(get(http, base + "/metrics")).as("no telemetry, no delivery metrics").doesNotContain("logship_delivery_state");
            Set<String> before = nodeArns(ecs);

            ecs.setNodeCount("prod", 3);
            Instant joined = Instant.now();
            JsonNode added = null;
            for (JsonNode n : ServeHarness.JSON.readTree(ecs.stateJson()).path("clusters").path("prod").path("nodes")) {
                added = before.contains(n.path("arn").asText()) ? added : n;
            }
            JsonNode node = added;
            JsonNode[] coverage = new JsonNode[1];
            Waits.until("the new node is counted and named", Duration.ofSeconds(30), () -> {
                coverage[0] = ServeHarness.JSON.readTree(get(http, base + "/api/v1/clusters/prod")).path("coverage");
                return get(http, base + "/metrics").contains(metric + "1.0") && coverage[0].path("uncovered").asInt() == 1;
            });
            System.out.println("uncovered seen " + Duration.between(joined, Instant.now()).toMillis() + " ms after the node joined");
            JsonNode named = coverage[0].path("uncoveredNodes").get(0);
            assertThat(named.path("containerInstanceArn").asText()).isEqualTo(node.path("arn").asText());
            assertThat(named.path("ec2InstanceId").asText()).isEqualTo(node.path("ec2InstanceId").asText()).startsWith("i-");
            assertThat(named.path("forwarders").get(0).asText()).isEqualTo("fb");

            Waits.until("its forwarder runs", Duration.ofSeconds(60), () -> get(http, base + "/metrics").contains(metric + "0.0"));
        }
    }

    private static Set<String> nodeArns(LocalEcsServer ecs) throws Exception {
        Set<String> arns = new HashSet<>();
        ServeHarness.JSON.readTree(ecs.stateJson()).path("clusters").path("prod").path("nodes").forEach(n -> arns.add(n.path("arn").asText()));
        return arns;
    }

    private static String get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
