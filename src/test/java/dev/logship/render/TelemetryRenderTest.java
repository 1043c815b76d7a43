package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Problem;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryRenderTest {
    private static final String BASE = """
            agent: fluentBit
            executionRoleArn: arn:aws:iam::123456789012:role/read-route
            routes: ["syslog+tls://logs.example.com:6514"]
            """;

    private static ReadResult read(String spec) {
        return DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "d.yaml", TestSnapshots.cluster("dev", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", spec)));
    }

    @Test
    void telemetryAddsTheMetricsInputAndOtlpOutputLabelledPerClusterWithTheTokenAsASecret() {
        ReadResult result = read(BASE + """
                clusters: [prod, dev]
                telemetry:
                  endpoint: https://logship.internal:8443
                  tokenFrom: arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest
                  interval: 10s
                """);
        assertThat(result.problems()).isEmpty();
        ContainerSpec prod = result.state().cluster("prod").orElseThrow().forwarders().get(0).taskDefinition().containers().get(0);
        ContainerSpec dev = result.state().cluster("dev").orElseThrow().forwarders().get(0).taskDefinition().containers().get(0);
        String command = String.join(" ", prod.command());
        assertThat(command).contains("-i fluentbit_metrics -p alias=logship_metrics", "scrape_interval=10",
                "-o opentelemetry -p alias=logship_telemetry", "metrics_uri=/api/v1/ingest/v1/metrics",
                "header=Authorization Bearer ${LOGSHIP_TELEMETRY_TOKEN}", "add_label=cluster prod", "add_label=forwarder pt",
                "tls.verify_hostname=on");
        assertThat(String.join(" ", dev.command())).contains("add_label=cluster dev");
        assertThat(prod.environment()).containsEntry("LOGSHIP_TELEMETRY_HOST", "logship.internal")
                .containsEntry("LOGSHIP_TELEMETRY_PORT", "8443");
        assertThat(prod.secrets()).containsEntry("LOGSHIP_TELEMETRY_TOKEN",
                "arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest");
    }

    @Test
    void withoutTelemetryOrWithFalseNothingIsAdded() {
        for (String spec : List.of(BASE + "clusters: [prod]\n", BASE + "clusters: [prod]\ntelemetry: false\n")) {
            ReadResult result = read(spec);
            assertThat(result.problems()).isEmpty();
            assertThat(String.join(" ", result.state().cluster("prod").orElseThrow().forwarders().get(0)
                    .taskDefinition().containers().get(0).command())).doesNotContain("fluentbit_metrics", "opentelemetry");
        }
    }

    @Test
    void badTelemetryIsReportedWithFileLineAndField() {
        ReadResult result = read("""
                agent: fluentBit
                routes: ["syslog+tls://logs.example.com:6514"]
                clusters: [prod]
                telemetry:
                  endpoint: ftp://logship.internal/ingest
                  tokenFrom: my-token
                  interval: 1s
                """);
        assertThat(result.problems()).extracting(Problem::field).contains("spec.telemetry.endpoint",
                "spec.telemetry.tokenFrom", "spec.telemetry.interval", "spec.executionRoleArn");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("f.yaml"));
        ReadResult logspout = read("""
                routes: ["syslog+tls://logs.example.com:6514"]
                clusters: [prod]
                telemetry: {endpoint: "http://x:1", tokenFrom: "arn:aws:ssm:us-east-1:1:parameter/t"}
                """);
        assertThat(logspout.problems()).extracting(Problem::message).anyMatch(m -> m.contains("only applies to agent: fluentBit"));
    }
}
