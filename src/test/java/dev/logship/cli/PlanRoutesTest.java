package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.testkit.LocalEcs;
import dev.logship.testkit.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} says where each forwarder's records go, in render's words, with every target
 * masked: no route host or port, no intake path, and none of the SSM parameters or secrets the
 * tokens, keys and split syslog route are read from. Real SDK against local-ecs over HTTP.
 */
class PlanRoutesTest {
    @RegisterExtension
    static final LocalEcs ECS = LocalEcs.with(LocalEcsConfig.builder().cluster("prod-ecs", 2).cluster("staging-ecs", 2)
            .cluster("edge-ecs", 1).build());
    static final String ROLES = "  taskRoleArn: arn:aws:iam::123456789012:role/fb-task\n"
            + "  executionRoleArn: arn:aws:iam::123456789012:role/fb-exec\n";
    static final String SHIPPER = "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: shipper\nspec:\n"
            + "  agent: fluentBit\n  clusters: [prod, staging]\n" + ROLES + """
              routes:
                - syslog+tls://logs3.papertrailapp.com:39417
                - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/prod/{container}", createGroup: true}
                  match: {containers: [api, worker]}
                - splunk: {host: hec.example.com, port: 8088, tokenFrom: {ssm: /logging/splunk-hec}}
                  match: {excludeContainers: [batch]}
                - datadog: {site: datadoghq.eu, apiKeyFrom: {ssm: /logging/dd-api-key}}
                - http: {uri: "https://intake.example.com/logs?token=abc", format: json_lines}
            """;
    static final String EDGE = "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: edge-syslog\nspec:\n"
            + "  agent: fluentBit\n  clusters: [edge]\n" + ROLES + """
              routes:
                - uriFrom: {scheme: syslog+tls, hostSsm: /logging/edge/host, portSsm: /logging/edge/port}
            """;
    /** Every secret part and every secret's name in the manifests: none may reach plan's output. */
    static final List<String> SECRET = List.of("papertrailapp", "39417", "token=abc", "/logs", "splunk-hec", "dd-api-key",
            "/logging/edge");

    @TempDir
    Path repo;

    @BeforeEach
    void manifests() throws IOException {
        Files.writeString(repo.resolve("clusters.yaml"), Manifests.cluster("prod", "prod-ecs") + "---\n"
                + Manifests.cluster("staging", "staging-ecs") + "---\n" + Manifests.cluster("edge", "edge-ecs"));
        Files.writeString(repo.resolve("shipper.yaml"), SHIPPER);
        Files.writeString(repo.resolve("edge.yaml"), EDGE);
    }

    private CliRun plan(String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "--repo", repo.toString(), "--ecs-endpoint", ECS.endpoint().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void textSaysEachForwardersRoutingInRendersWordsOncePerWayItIsRouted() {
        CliRun plan = plan();

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        System.out.println(plan.out());
        String routes = plan.out().substring(plan.out().indexOf("\nRoutes:\n") + 1);
        assertThat(routes.lines().takeWhile(l -> l.startsWith("Routes:") || l.startsWith("  ")).toList())
                .containsExactly(
                "Routes:",
                "  edge-syslog on edge:",
                "    all -> syslog syslog+tls://****:****",
                "  shipper on prod, staging:",
                "    all -> syslog syslog+tls://****:****",
                "    api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)",
                "    all but batch -> splunk https://hec.example.com:8088",
                "    all -> datadog datadoghq.eu",
                "    all -> http https://intake.example.com/**** (json_lines)");
        assertThat(plan.out() + plan.err()).doesNotContain(SECRET);
    }

    @Test
    void jsonCarriesTheSameWordsPerForwarderNextToThePlan() throws Exception {
        CliRun plan = plan("--output", "json", "--cluster", "staging");

        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        JsonNode routes = new ObjectMapper().readTree(plan.out()).path("routes");
        assertThat(routes.has("edge-syslog")).as("only the planned clusters' forwarders").isFalse();
        JsonNode shipper = routes.path("shipper").get(0);
        assertThat(shipper.path("clusters").toString()).isEqualTo("[\"staging\"]");
        assertThat(shipper.path("routes").get(1).asText()).isEqualTo("api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)");
        assertThat(shipper.path("routes")).hasSize(5);
        assertThat(plan.out()).doesNotContain(SECRET);
    }
}
