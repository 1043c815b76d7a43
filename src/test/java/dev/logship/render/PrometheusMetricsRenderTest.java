package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Problem;
import dev.logship.model.ContainerSpec;
import org.junit.jupiter.api.Test;

/** {@code spec.prometheusMetrics}: Fluent Bit's HTTP server on the node's addresses, where a Prometheus scrapes it. */
class PrometheusMetricsRenderTest {
    private static final String BASE = """
            agent: fluentBit
            routes: ["syslog+tls://logs.example.com:6514"]
            clusters: [prod]
            prometheusMetrics: true
            """;

    @Test
    void theDistrolessImageGetsTheServerFlagsBeforeItsPipeline() {
        ContainerSpec c = ProdForwarder.container(BASE);
        assertThat(c.command().subList(0, 4)).containsExactly("-H", "-P", "2020", "-b");
        assertThat(c.healthCheck()).isNull();
    }

    @Test
    void withTheHealthCheckItsServerListensOnEveryAddressAtItsPort() {
        ContainerSpec c = ProdForwarder.container(BASE + "image: fluent/fluent-bit:5.1.1-debug\nhealthCheck: {port: 2021}\n");
        assertThat(c.command().get(2)).contains("http_server on", "http_listen 0.0.0.0", "http_port 2021");
        assertThat(c.command()).doesNotContain("-H");
        assertThat(c.healthCheck().command().get(1)).contains("http://127.0.0.1:2021/api/v1/health");
    }

    @Test
    void offByDefaultSoEveryForwarderRendersAsBefore() {
        ContainerSpec c = ProdForwarder.container(BASE.replace("prometheusMetrics: true\n", "") + "image: fluent/fluent-bit:5.1.1-debug\n");
        assertThat(c.command().get(2)).contains("http_listen 127.0.0.1");
        assertThat(ProdForwarder.container(BASE.replace("prometheusMetrics: true\n", "")).command().get(0)).isEqualTo("-b");
    }

    @Test
    void theForwarderCarriesItsMetricsPortForServiceDiscovery() {
        assertThat(metricsPort(BASE)).isEqualTo(2020);
        assertThat(metricsPort(BASE + "image: fluent/fluent-bit:5.1.1-debug\nhealthCheck: {port: 2021}\n")).isEqualTo(2021);
        assertThat(metricsPort(BASE.replace("prometheusMetrics: true\n", "") + "image: fluent/fluent-bit:5.1.1-debug\n"))
                .as("health check only: loopback, nothing to scrape").isZero();
    }

    private static int metricsPort(String spec) {
        ReadResult result = ProdForwarder.read(spec);
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0).metricsPort();
    }

    @Test
    void logspoutHasNoMetricsEndpoint() {
        ReadResult logspout = ProdForwarder.read("routes: [\"syslog+tls://logs.example.com:6514\"]\nclusters: [prod]\nprometheusMetrics: true\n");
        assertThat(logspout.problems()).extracting(Problem::field).containsExactly("spec.prometheusMetrics");
    }
}
