package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON Schema is valid JSON, knows every field logship reads, and every example points at it. */
class SchemaFileTest {
    private static final Path SCHEMA = Path.of("schema/logship-v1.schema.json");

    @Test
    void schemaIsJsonAndDescribesBothKinds() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.at("/properties/kind/enum").toString())
                .isEqualTo("[\"Cluster\",\"LogForwarder\",\"RolloutPolicy\",\"Notifier\",\"ClusterSet\",\"Telemetry\"]");
        assertThat(fieldNames(schema.at("/definitions/clusterSetSpec/properties"))).containsExactlyInAnyOrder(
                "accounts", "regions", "tagSelector", "labelsFromTags", "labels", "defaults");
        List<String> forwarderFields = fieldNames(schema.at("/definitions/forwarderSpec/properties"));
        assertThat(forwarderFields).containsExactlyInAnyOrder("clusters", "image", "routes", "env", "excludeLabels",
                "backlog", "resources", "scheduling", "hostPort", "placementConstraints", "tags", "dockerSocket", "adopt", "executionRoleArn",
                "agent", "multiline", "exclude", "bufferLimit", "managedDaemon", "clusterSelector", "taskRoleArn",
                "healthCheck", "prometheusMetrics");
        assertThat(fieldNames(schema.at("/definitions/labelSelector/properties"))).containsExactly("matchLabels", "matchExpressions");
        assertThat(fieldNames(schema.at("/definitions/forwarderSpec/properties/managedDaemon/properties")))
                .containsExactlyInAnyOrder("capacityProviders", "drainPercent", "bakeTime", "alarms");
        assertThat(fieldNames(schema.at("/definitions/clusterSpec/properties")))
                .containsExactlyInAnyOrder("clusterName", "region", "roleArn", "prune", "allowEmpty", "suspend");
    }

    @Test
    void schemaDescribesEveryTypedRouteKindWithTheManifestsFields() throws IOException {
        JsonNode typed = new ObjectMapper().readTree(SCHEMA.toFile()).at("/definitions/typedRoute/properties");
        assertThat(fieldNames(typed)).containsExactlyInAnyOrder("match", "cloudwatchLogs", "s3", "firehose", "otlp", "splunk",
                "datadog", "loki", "http");
        assertThat(fieldNames(typed.at("/cloudwatchLogs/properties")))
                .containsExactlyInAnyOrder("region", "logGroup", "logStream", "retentionDays", "createGroup", "endpoint");
        assertThat(fieldNames(typed.at("/s3/properties"))).containsExactlyInAnyOrder("bucket", "prefix", "region", "compression", "endpoint");
        assertThat(fieldNames(typed.at("/firehose/properties"))).containsExactlyInAnyOrder("deliveryStream", "region", "endpoint");
        assertThat(fieldNames(typed.at("/otlp/properties"))).containsExactlyInAnyOrder("endpoint", "headersFrom");
        assertThat(fieldNames(typed.at("/splunk/properties"))).containsExactlyInAnyOrder("host", "port", "tls", "tokenFrom");
        assertThat(fieldNames(typed.at("/datadog/properties"))).containsExactlyInAnyOrder("site", "apiKeyFrom", "service", "endpoint");
        assertThat(fieldNames(typed.at("/loki/properties"))).containsExactlyInAnyOrder("host", "port", "tls", "labels");
        assertThat(fieldNames(typed.at("/http/properties"))).containsExactlyInAnyOrder("uri", "format");
    }

    @Test
    void schemaDescribesRolloutPoliciesNotifiersAndLabels() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertThat(fieldNames(schema.at("/definitions/metadata/properties"))).containsExactlyInAnyOrder("name", "labels");
        assertThat(fieldNames(schema.at("/definitions/rolloutPolicySpec/properties")))
                .containsExactlyInAnyOrder("waves", "bakeTime", "requireDelivery", "deliveryWindow", "onFailure", "windows");
        assertThat(fieldNames(schema.at("/definitions/rolloutPolicySpec/properties/waves/items/properties")))
                .containsExactlyInAnyOrder("name", "selector", "maxConcurrent");
        assertThat(fieldNames(schema.at("/definitions/rolloutPolicySpec/properties/windows/items/properties")))
                .containsExactlyInAnyOrder("kind", "schedule", "duration", "timeZone");
        assertThat(fieldNames(schema.at("/definitions/notifierSpec/properties")))
                .containsExactlyInAnyOrder("format", "urlFrom", "events");
        assertThat(schema.at("/definitions/notifierSpec/properties/events/items/enum").toString())
                .isEqualTo("[\"Applied\",\"Degraded\",\"Stalled\",\"Halted\",\"RolledBack\",\"DriftReverted\",\"WindowBlocked\"]");
    }

    @Test
    void everyExampleStartsWithASchemaLineThatResolvesAndAnExplanation() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.walk(Path.of("examples/desired-state"))) {
            examples = files.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (Path example : examples) {
            List<String> lines = Files.readAllLines(example);
            assertThat(lines.get(0)).as(example.toString()).startsWith("# yaml-language-server: $schema=");
            Path target = example.getParent().resolve(lines.get(0).substring(lines.get(0).indexOf('=') + 1)).normalize();
            assertThat(target).as(example.toString()).isEqualTo(SCHEMA);
            assertThat(lines.get(1)).as(example + " explains itself").startsWith("# ").hasSizeGreaterThan(20);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
