package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.receivers.Destination;
import dev.logship.fluentbit.receivers.DestinationSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-AWS routes, rendered and run for real: an OTLP/HTTP collector (protobuf, decoded by
 * opentelemetry-proto), Splunk HEC, Datadog's logs intake (behind its real name for site
 * datadoghq.eu) and Loki, their tokens and keys read from the node's SSM and Secrets Manager
 * through ECS {@code secrets}. One Fluent Bit run proves for each: every line of its containers
 * once and in order, templates resolved, and no record of a container routed elsewhere.
 */
class FluentBitHttpDestinationsTest {
    static final String OTLP_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:otel-AbCdEf";
    static final String MANIFEST = """
            agent: fluentBit
            executionRoleArn: arn:aws:iam::123456789012:role/read-secrets
            bufferLimit: 64M
            routes:
              - otlp: {endpoint: "https://otel.test", headersFrom: {secretsManager: "%s", keys: [authorization]}}
                match: {containers: [api]}
              - splunk: {host: splunk.test, tokenFrom: {ssm: /logging/splunk-hec}}
                match: {containers: [api, worker]}
              - datadog: {site: datadoghq.eu, apiKeyFrom: {ssm: /logging/dd-api-key}, service: "{forwarder}"}
                match: {containers: [worker]}
              - loki: {host: loki.test, labels: {cluster: "{cluster}", container: "{container}", env: prod, family: "{taskFamily}"}}
                match: {excludeContainers: [api, worker]}
            """.formatted(OTLP_SECRET);

    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    @Test
    void everyLineReachesExactlyTheRoutesItsContainerMatchesWithTemplatesResolved() throws Exception {
        Map<Destination, Set<String>> routes = new LinkedHashMap<>();
        routes.put(Destination.OTLP, Set.of("api"));
        routes.put(Destination.SPLUNK, Set.of("api", "worker"));
        routes.put(Destination.DATADOG, Set.of("worker"));
        routes.put(Destination.LOKI, Set.of("web"));
        Deliveries deliveries = new Deliveries(routes);
        Map<String, String> secrets = Map.of(OTLP_SECRET, "{\"authorization\":\"" + DestinationSecrets.OTLP_AUTHORIZATION + "\"}",
                "/logging/splunk-hec", DestinationSecrets.SPLUNK_TOKEN,
                "/logging/dd-api-key", DestinationSecrets.DATADOG_API_KEY);
        try (DestinationNode node = DestinationNode.start(tmp, FluentBitEndToEndTest.render(MANIFEST), secrets, Set.of())) {
            Map<String, DockerLogs> containers = new LinkedHashMap<>();
            containers.put("api", node.container("a1a1a1a1a1a1" + "0".repeat(52), "web-app", "api"));
            containers.put("worker", node.container("b2b2b2b2b2b2" + "0".repeat(52), "jobs", "worker"));
            containers.put("web", node.container("d4d4d4d4d4d4" + "0".repeat(52), "web-app", "web"));
            deliveries.write(containers, 150);
            deliveries.awaitEveryLine(node, Duration.ofSeconds(60));
            deliveries.assertDelivered(node);

            assertThat(node.arrivals(Destination.SPLUNK)).allSatisfy(a -> {
                assertThat(a.target().get("source")).isEqualTo(a.container());
                assertThat(a.target().get("host")).isEqualTo("node-7");
            });
            assertThat(node.arrivals(Destination.DATADOG)).allSatisfy(a -> assertThat(a.target().get("service")).isEqualTo("pt"));
            assertThat(node.arrivals(Destination.LOKI)).allSatisfy(a -> assertThat(a.target())
                    .containsEntry("cluster", FluentBitAwsDestinationsTest.CLUSTER).containsEntry("env", "prod")
                    .containsEntry("family", "web-app")); // {taskFamily}: the web container's task definition family
            assertThat(node.arrivals(Destination.OTLP)).allSatisfy(a ->
                    assertThat(a.record().path("attributes").path("cluster").asText()).isEqualTo(FluentBitAwsDestinationsTest.CLUSTER));
            String command = String.join(" ", FluentBitEndToEndTest.render(MANIFEST).containers().get(0).command());
            assertThat(command).doesNotContain(DestinationSecrets.SPLUNK_TOKEN, DestinationSecrets.DATADOG_API_KEY,
                    DestinationSecrets.OTLP_AUTHORIZATION);
        }
    }
}
