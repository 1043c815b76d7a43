package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredState;
import dev.logship.render.DesiredStates;
import dev.logship.render.TelemetryExpected;
import dev.logship.rollout.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery model's judgement as the rollout planner sees it: silence where telemetry is expected, and one spell of bad. */
class DeliveryGateTest {
    static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private static DesiredState state(boolean telemetry) {
        return state(telemetry ? """
                telemetry:
                  endpoint: http://127.0.0.1:4318
                  tokenFrom: arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest-token
                """ : "");
    }

    private static DesiredState state(String extra) {
        String spec = """
                agent: fluentBit
                executionRoleArn: arn:aws:iam::123456789012:role/read-route
                routes: [syslog+tls://logs.example.com:6514]
                """ + extra;
        var read = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", spec)));
        assertThat(read.problems()).isEmpty();
        return read.state();
    }

    private static Map<String, ClusterDelivery> judged(DeliveryState state) {
        ForwarderDelivery f = state == DeliveryState.Unknown ? ForwarderDelivery.telemetryOff("prod", "pt")
                : new ForwarderDelivery("prod", "pt", state, state + " on 1 node", List.of(), List.of(), 1, 0, 0);
        return Map.of("prod", new ClusterDelivery("prod", state, List.of(f), 1, 0, 0));
    }

    @Test
    void aForwarderThatShouldReportAndNeverDidIsSilentOneWithoutTelemetryIsNotJudged() {
        DeliveryGate expected = new DeliveryGate(TelemetryExpected.INGEST);
        assertThat(expected.judged(judged(DeliveryState.Unknown), state(true), T0)).containsExactly("prod");
        assertThat(expected.of("prod").status()).isEqualTo(Delivery.Status.SILENT);
        assertThat(expected.of("prod").message()).contains("forwarder pt", "telemetry is expected");

        DeliveryGate off = new DeliveryGate(TelemetryExpected.INGEST);
        off.judged(judged(DeliveryState.Unknown), state(false), T0);
        assertThat(off.of("prod")).isEqualTo(Delivery.UNJUDGED);
    }

    @Test
    void underPrometheusAForwarderServingMetricsThatWasNeverScrapedIsSilentUnderTheIngestItIsNotJudged() {
        DesiredState scraped = state("prometheusMetrics: true\n");
        DesiredState pushes = state(true);
        DeliveryGate prometheus = new DeliveryGate(TelemetryExpected.PROMETHEUS);
        prometheus.judged(judged(DeliveryState.Unknown), scraped, T0);
        assertThat(prometheus.of("prod").status()).as("listed for scraping, never heard").isEqualTo(Delivery.Status.SILENT);
        DeliveryGate pushesUnderPrometheus = new DeliveryGate(TelemetryExpected.PROMETHEUS);
        pushesUnderPrometheus.judged(judged(DeliveryState.Unknown), pushes, T0);
        assertThat(pushesUnderPrometheus.of("prod")).as("its pushes have no ingest to reach").isEqualTo(Delivery.UNJUDGED);

        DeliveryGate ingest = new DeliveryGate(TelemetryExpected.INGEST);
        ingest.judged(judged(DeliveryState.Unknown), scraped, T0);
        assertThat(ingest.of("prod")).as("metrics for the user's own scraping hold no bake").isEqualTo(Delivery.UNJUDGED);
    }

    @Test
    void silentThenFailingIsOneSpellAndDeliveringEndsIt() {
        DeliveryGate gate = new DeliveryGate(TelemetryExpected.INGEST);
        DesiredState state = state(true);
        gate.judged(judged(DeliveryState.Delivering), state, T0);
        gate.judged(judged(DeliveryState.Silent), state, T0.plusSeconds(10));
        assertThat(gate.judged(judged(DeliveryState.DeliveryFailing), state, T0.plusSeconds(20))).containsExactly("prod");
        assertThat(gate.of("prod").status()).isEqualTo(Delivery.Status.FAILING);
        assertThat(gate.of("prod").since()).as("bad since it went Silent").isEqualTo(T0.plusSeconds(10));
        assertThat(gate.judged(judged(DeliveryState.DeliveryFailing), state, T0.plusSeconds(22))).isEmpty();

        gate.judged(judged(DeliveryState.Delivering), state, T0.plusSeconds(30));
        gate.judged(judged(DeliveryState.DeliveryFailing), state, T0.plusSeconds(40));
        assertThat(gate.of("prod").since()).as("a new spell after delivering").isEqualTo(T0.plusSeconds(40));
        assertThat(gate.judged(Map.of(), state, T0.plusSeconds(50))).as("a cluster no longer judged").containsExactly("prod");
        assertThat(gate.of("prod")).isEqualTo(Delivery.UNJUDGED);
    }

    @Test
    void theTreesTelemetryDefaultMakesAForwarderWithoutItsOwnExpectedToReport() {
        var read = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", """
                        agent: fluentBit
                        executionRoleArn: arn:aws:iam::123456789012:role/read-route
                        routes: [syslog+tls://logs.example.com:6514]
                        """), "t.yaml", """
                        apiVersion: logship.dev/v1
                        kind: Telemetry
                        metadata:
                          name: default
                        spec:
                          endpoint: http://127.0.0.1:4318
                          tokenFrom: arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest-token
                        """));
        assertThat(read.problems()).isEmpty();
        DeliveryGate gate = new DeliveryGate(TelemetryExpected.INGEST);
        gate.judged(judged(DeliveryState.Unknown), read.state(), T0);
        assertThat(gate.of("prod").status()).as("never reported, though the default says it should").isEqualTo(Delivery.Status.SILENT);
    }
}
