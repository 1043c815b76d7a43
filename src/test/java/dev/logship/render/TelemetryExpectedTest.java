package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredForwarder;
import org.junit.jupiter.api.Test;

/**
 * Which forwarders must report, per delivery source: the ingest hears a task that carries the ingest
 * token, Prometheus one that serves its metrics. A forwarder heard by neither source's rule is never
 * judged by it, so a prometheusMetrics forwarder kept for the user's own scraping stays unjudged
 * under the ingest, and halts no rollout of a user who never asked for delivery to be judged.
 */
class TelemetryExpectedTest {
    private static final String PUSHES = """
            telemetry: {endpoint: "https://logship.internal:8443", tokenFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest"}
            """;
    private static final String SERVES_METRICS = "prometheusMetrics: true\n";

    private static DesiredForwarder rendered(String extra) {
        var read = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", """
                        agent: fluentBit
                        executionRoleArn: arn:aws:iam::123456789012:role/read-ingest-token
                        routes: [syslog+tls://logs.example.com:6514]
                        """ + extra)));
        assertThat(read.problems()).isEmpty();
        return read.state().cluster("prod").orElseThrow().forwarders().get(0);
    }

    @Test
    void theIngestExpectsForwardersThatPushAndNotOnesThatOnlyServeMetrics() {
        assertThat(TelemetryExpected.INGEST.of(rendered(PUSHES))).isTrue();
        assertThat(TelemetryExpected.INGEST.of(rendered(SERVES_METRICS))).as("metrics for the user's own scraping").isFalse();
        assertThat(TelemetryExpected.INGEST.of(rendered(PUSHES + SERVES_METRICS))).isTrue();
        assertThat(TelemetryExpected.INGEST.of(rendered(""))).isFalse();
    }

    @Test
    void prometheusExpectsForwardersThatServeMetricsAndNotOnesThatOnlyPush() {
        assertThat(TelemetryExpected.PROMETHEUS.of(rendered(SERVES_METRICS))).as("listed in serve's discovery").isTrue();
        assertThat(TelemetryExpected.PROMETHEUS.of(rendered(PUSHES))).as("pushes to an ingest this serve does not run").isFalse();
        assertThat(TelemetryExpected.PROMETHEUS.of(rendered(PUSHES + SERVES_METRICS))).isTrue();
        assertThat(TelemetryExpected.PROMETHEUS.of(rendered(""))).isFalse();
    }
}
