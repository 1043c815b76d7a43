package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.receivers.Destination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS routes, rendered and run for real: CloudWatch Logs, S3 and Firehose receivers speaking
 * AWS's wire protocol (SigV4 with the task role's credentials from the ECS credentials endpoint)
 * behind the real regional endpoint names, and an HTTP intake that gets every container. One
 * Fluent Bit run proves for each destination: every line of its containers once and in order,
 * the templates resolved per record, and no record of a container routed elsewhere.
 */
class FluentBitAwsDestinationsTest {
    static final String MANIFEST = """
            agent: fluentBit
            taskRoleArn: arn:aws:iam::123456789012:role/logship-forwarder
            bufferLimit: 64M
            routes:
              - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/{cluster}/{container}", logStream: "{instance}-{cluster}", retentionDays: 30, createGroup: true}
                match: {containers: [api, worker]}
              - s3: {bucket: acme-log-archive, prefix: "ecs/{cluster}/{container}/", region: us-east-1}
                match: {containers: [batch]}
              - firehose: {deliveryStream: ecs-logs, region: eu-west-1}
                match: {excludeContainers: [api, worker, batch]}
              - http: {uri: "https://intake.test/logs?token=%s", format: json_lines}
            """.formatted(dev.logship.fluentbit.receivers.DestinationSecrets.HTTP_INTAKE_TOKEN);
    /** The node's ECS cluster and container instance, as the fake ECS agent reports them. */
    static final String CLUSTER = "prod-ecs";
    static final String INSTANCE = "0f1e2d3c";

    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    @Test
    void everyLineReachesExactlyTheRoutesItsContainerMatchesWithTemplatesResolved() throws Exception {
        Map<Destination, Set<String>> routes = new LinkedHashMap<>();
        routes.put(Destination.CLOUDWATCH_LOGS, Set.of("api", "worker"));
        routes.put(Destination.S3, Set.of("batch"));
        routes.put(Destination.FIREHOSE, Set.of("web"));
        routes.put(Destination.HTTP, Set.of("api", "worker", "batch", "web"));
        Deliveries deliveries = new Deliveries(routes);
        try (DestinationNode node = DestinationNode.start(tmp, FluentBitEndToEndTest.render(MANIFEST), Map.of(),
                Set.of("acme-log-archive"))) {
            Map<String, DockerLogs> containers = new LinkedHashMap<>();
            containers.put("api", node.container("a1a1a1a1a1a1" + "0".repeat(52), "web-app", "api"));
            containers.put("worker", node.container("b2b2b2b2b2b2" + "0".repeat(52), "jobs", "worker"));
            containers.put("batch", node.container("c3c3c3c3c3c3" + "0".repeat(52), "jobs", "batch"));
            containers.put("web", node.container("d4d4d4d4d4d4" + "0".repeat(52), "web-app", "web"));
            deliveries.write(containers, 150);
            // S3 uploads a file after upload_timeout or when the task stops: stop it as ECS does (SIGTERM).
            deliveries.awaitEveryLineExcept(node, Destination.S3, Duration.ofSeconds(60));
            node.namespace.close();
            deliveries.awaitEveryLine(node, Duration.ofSeconds(30));
            deliveries.assertDelivered(node);

            assertThat(node.arrivals(Destination.CLOUDWATCH_LOGS)).allSatisfy(a -> {
                // a per-record template followed by '/' or '-' (refused before v5.1.1's accessor limit was worked round)
                assertThat(a.target().get("logGroup")).isEqualTo("/ecs/" + CLUSTER + "/" + a.container());
                assertThat(a.target().get("logStream")).isEqualTo(INSTANCE + "-" + CLUSTER);
            });
            assertThat(node.calls()).anySatisfy(c -> assertThat(c).contains("PutRetentionPolicy", "\"retentionInDays\":30",
                    "/ecs/" + CLUSTER + "/api"));
            assertThat(node.arrivals(Destination.S3)).allSatisfy(a -> {
                assertThat(a.target().get("bucket")).isEqualTo("acme-log-archive");
                assertThat(a.target().get("key")).startsWith("ecs/" + CLUSTER + "/batch/");
            });
            assertThat(node.arrivals(Destination.FIREHOSE)).allSatisfy(a ->
                    assertThat(a.target().get("deliveryStream")).isEqualTo("ecs-logs"));
            assertThat(node.arrivals(Destination.HTTP)).allSatisfy(a -> assertThat(a.target().get("path")).isEqualTo("/logs"));
        }
    }
}
