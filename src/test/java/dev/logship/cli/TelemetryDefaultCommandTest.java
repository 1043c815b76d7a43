package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree's {@code kind: Telemetry} through the real command line: render and plan against
 * local-ecs say in words which forwarders report and from where, with the default, without it, with
 * {@code spec.telemetry: false} and with a forwarder's own settings; validate names the forwarder
 * (file:line) that gets the default without an execution role, and a second default.
 */
class TelemetryDefaultCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "executionRoleArn: arn:aws:iam::123456789012:role/logship-exec\n";
    static final String DEFAULT = """
            apiVersion: logship.dev/v1
            kind: Telemetry
            metadata:
              name: default
            spec:
              endpoint: https://logship.internal:8443
              tokenFrom: arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest-token
              interval: 15s
            """;

    @TempDir Path tmp;

    private Path tree(boolean withDefault) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(withDefault ? "with" : "without"));
        Files.writeString(dir.resolve("cluster.yaml"), TestSnapshots.cluster("prod", "us-east-1"));
        Files.writeString(dir.resolve("plain.yaml"), TestSnapshots.forwarder("plain", "agent: fluentBit\n" + ROLE
                + "routes: [\"syslog+tls://logs.example.com:6514\"]"));
        Files.writeString(dir.resolve("quiet.yaml"), TestSnapshots.forwarder("quiet", "agent: fluentBit\n" + ROLE
                + "routes: [\"syslog+tls://logs.example.com:6514\"]\ntelemetry: false\nhostPort: 9001\nscheduling: perNodePort"));
        Files.writeString(dir.resolve("own.yaml"), TestSnapshots.forwarder("own", "agent: fluentBit\n" + ROLE
                + "routes: [\"syslog+tls://logs.example.com:6514\"]\ntelemetry: {endpoint: \"http://10.0.0.5:8080\","
                + " tokenFrom: \"arn:aws:ssm:us-east-1:123456789012:parameter/other\"}"));
        Files.writeString(dir.resolve("old.yaml"), TestSnapshots.forwarder("old", "routes: [\"syslog://logs.example.com:514\"]"));
        if (withDefault) {
            Files.writeString(dir.resolve("telemetry.yaml"), DEFAULT);
        }
        return dir;
    }

    private static JsonNode forwarder(JsonNode rendered, String name) {
        for (JsonNode f : rendered.path("clusters").get(0).path("forwarders")) {
            if (f.path("forwarder").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no forwarder " + name + " in " + rendered);
    }

    private static boolean readsToken(JsonNode f) {
        return f.path("registerTaskDefinition").toString().contains("LOGSHIP_TELEMETRY_TOKEN");
    }

    @Test
    void renderSaysWhichForwardersReportWithAndWithoutTheDefault() throws Exception {
        CliRun with = CliRun.of("render", tree(true).toString());
        assertThat(with.exitCode()).as(with.err()).isZero();
        JsonNode on = JSON.readTree(with.out());
        assertThat(forwarder(on, "plain").path("telemetry").asText()).isEqualTo("Fluent Bit metrics every 15 s to "
                + "https://logship.internal:8443:8443 (kind Telemetry \"default\" (telemetry.yaml:4))".replace(":8443:8443", ":8443"));
        assertThat(readsToken(forwarder(on, "plain"))).isTrue();
        assertThat(forwarder(on, "quiet").path("telemetry").asText()).isEqualTo("off (spec.telemetry: false)");
        assertThat(readsToken(forwarder(on, "quiet"))).isFalse();
        assertThat(forwarder(on, "own").path("telemetry").asText()).isEqualTo("Fluent Bit metrics every 30 s to "
                + "http://10.0.0.5:8080 (spec.telemetry)");
        assertThat(forwarder(on, "old").has("telemetry")).as("logspout has no telemetry").isFalse();

        JsonNode off = JSON.readTree(CliRun.of("render", tree(false).toString()).out());
        assertThat(forwarder(off, "plain").path("telemetry").asText()).isEqualTo("off (no spec.telemetry, and no kind Telemetry in the tree)");
        assertThat(readsToken(forwarder(off, "plain"))).isFalse();
        assertThat(forwarder(off, "own").path("telemetry").asText()).endsWith("(spec.telemetry)");
    }

    @Test
    void planSaysItInWordsAndTurningTheDefaultOnIsAnUpdateOfEveryFluentBitForwarderWithoutItsOwn() throws Exception {
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20))
                .cluster("prod", 2).build())) {
            String endpoint = ecs.endpoint().toString();
            CliRun plan = CliRun.of("plan", "--repo", tree(true).toString(), "--ecs-endpoint", endpoint);
            System.out.println(plan.out());
            assertThat(plan.out()).contains("family logship-plain, image fluent/fluent-bit")
                    .contains("; telemetry: Fluent Bit metrics every 15 s to https://logship.internal:8443 (kind Telemetry");
            Path without = tree(false);
            CliRun apply = CliRun.of("apply", "--repo", without.toString(), "--ecs-endpoint", endpoint);
            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isIn(0, 3);

            Files.writeString(without.resolve("telemetry.yaml"), DEFAULT);
            CliRun update = CliRun.of("plan", "--repo", without.toString(), "--ecs-endpoint", endpoint);
            System.out.println(update.out());
            assertThat(update.exitCode()).isEqualTo(2);
            assertThat(update.out()).contains("~   prod/plain").contains("telemetry: Fluent Bit metrics every 15 s")
                    .contains("LOGSHIP_TELEMETRY_TOKEN").doesNotContain("prod/quiet").doesNotContain("prod/own")
                    .doesNotContain("prod/old").contains("Plan: 0 to create, 1 to update");
        }
    }

    @Test
    void validateNamesTheForwarderThatGetsTheDefaultWithoutARoleAndASecondDefault() throws Exception {
        Path dir = tree(true);
        Files.writeString(dir.resolve("norole.yaml"), TestSnapshots.forwarder("norole", "agent: fluentBit\n"
                + "routes: [\"syslog+tls://logs.example.com:6514\"]"));
        Files.writeString(dir.resolve("zz-second.yaml"), DEFAULT.replace("name: default", "name: second"));
        CliRun run = CliRun.of("validate", dir.toString());
        System.out.println(run.out() + run.err());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("norole.yaml:4:").contains("LogForwarder \"norole\" gets telemetry from "
                + "kind Telemetry \"default\" (telemetry.yaml:4), which needs spec.executionRoleArn")
                .contains("zz-second.yaml:4:").contains("only one kind: Telemetry per tree");
    }
}
