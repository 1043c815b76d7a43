package dev.logship.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.NodeSample;
import dev.logship.delivery.RouteCounters;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus's raw samples back into the judge's node samples, one per node and scrape. */
class FluentBitSeriesTest {
    private static final String MATRIX = """
            [
             {"metric": {"__name__": "fluentbit_uptime", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "hostname": "vm"},
              "values": [[1700000000.5, "10"], [1700000001.5, "11"]]},
             {"metric": {"__name__": "fluentbit_input_records_total", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "name": "tail.0"},
              "values": [[1700000000.5, "40"], [1700000001.5, "50"]]},
             {"metric": {"__name__": "fluentbit_input_records_total", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "name": "logship_metrics"},
              "values": [[1700000000.5, "7"], [1700000001.5, "8"]]},
             {"metric": {"__name__": "fluentbit_output_proc_records_total", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "name": "syslog.0"},
              "values": [[1700000000.5, "38"], [1700000001.5, "48"]]},
             {"metric": {"__name__": "fluentbit_output_retries_total", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "name": "syslog.0"},
              "values": [[1700000000.5, "1"], [1700000001.5, "NaN"]]},
             {"metric": {"__name__": "fluentbit_output_proc_records_total", "cluster": "prod", "forwarder": "pt", "instance": "i-1", "name": "logship_telemetry"},
              "values": [[1700000000.5, "5"]]},
             {"metric": {"__name__": "fluentbit_output_errors_total", "cluster": "prod", "forwarder": "pt", "instance": "i-2", "name": "syslog.0"},
              "values": [[1700000000.5, "3"]]},
             {"metric": {"__name__": "fluentbit_uptime", "instance": "10.0.0.9:2020"},
              "values": [[1700000000.5, "99"]]}
            ]""";

    @Test
    void putsEachScrapeOfEachNodeBackTogetherFromTheStreamedAnswer() throws Exception {
        FluentBitSeries series = new FluentBitSeries();
        String answer = "{\"status\": \"success\", \"data\": {\"resultType\": \"matrix\", \"result\": " + MATRIX + "}}";
        assertThat(MatrixReader.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), series)).isTrue();
        List<NodeSample> samples = series.samples();

        // i-2 has no uptime in its scrape and the last series no cluster or forwarder: neither is a sample.
        assertThat(samples).hasSize(2).allMatch(s -> s.cluster().equals("prod") && s.forwarder().equals("pt")
                && s.node().equals("i-1"));
        NodeSample first = samples.stream().filter(s -> s.at().equals(Instant.ofEpochMilli(1_700_000_000_500L))).findFirst().orElseThrow();
        assertThat(first.uptimeSeconds()).isEqualTo(10);
        assertThat(first.recordsIn()).isEqualTo(40); // the metrics input is not a record source
        assertThat(first.routes()).containsOnlyKeys("syslog.0").containsEntry("syslog.0", new RouteCounters(38, 0, 1, 0, 0));
        NodeSample second = samples.stream().filter(s -> s.uptimeSeconds() == 11).findFirst().orElseThrow();
        assertThat(second.routes().get("syslog.0")).isEqualTo(new RouteCounters(48, 0, 0, 0, 0)); // NaN is not a count
    }

    @Test
    void anErrorAnswerIsNotASuccess() throws Exception {
        String answer = "{\"status\": \"error\", \"errorType\": \"bad_data\", \"error\": \"parse error\"}";
        assertThat(MatrixReader.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), new FluentBitSeries()))
                .isFalse();
    }

    @Test
    void readsBackNoFurtherThanTheKeptWindowAndSelectsOnlyForwarderSeries() {
        assertThat(PrometheusReader.query(Duration.ofMinutes(6))).isEqualTo("{__name__=~\"" + FluentBitSeries.NAMES
                + "\",forwarder!=\"\"}[360s]");
    }

    @Test
    void settingsNeverPrintTheTokenOrTheUrlsUser() {
        PrometheusSettings settings = PrometheusSettings.of(URI.create("https://me:pw-Xy1@prom.internal:9090/x?y=1"),
                "tok-Q9distinctive", Duration.ofMinutes(2));
        assertThat(settings.toString()).contains("https://prom.internal:9090", "****")
                .doesNotContain("tok-Q9distinctive", "pw-Xy1", "me:");
    }
}
