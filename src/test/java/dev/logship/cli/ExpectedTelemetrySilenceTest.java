package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.logship.prometheus.PrometheusSettings;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import dev.logship.web.IngestSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forwarder that Git gives telemetry and that never sends any is Silent in the status API,
 * named with the nodes that run it, not "telemetry off" (Unknown): serve knows from the desired
 * state that telemetry is expected. A forwarder Git gives none stays Unknown. Under
 * {@code --prometheus-url} the same holds for a forwarder that serves its metrics and is never
 * scraped: serve's Prometheus is a loopback HTTP server answering every PromQL query with an empty
 * result, which is what a real Prometheus answers for a node it never scraped (the silence is
 * serve's judgement of no samples; no scrape is needed to prove it, so no real Prometheus runs).
 */
class ExpectedTelemetrySilenceTest {
    private static final String INGEST_TOKEN = "ingest-Wm40R-distinctive";

    @TempDir Path tmp;

    @Test
    void aForwarderGivenTelemetryThatNeverReportsIsSilentAndOneWithoutStaysUnknown() throws Exception {
        Path tree = copyOfExamples();
        Path prod = tree.resolve("prod/fluent-bit.yaml");
        Files.writeString(prod, Files.readString(prod).replace("  agent: fluentBit\n", """
                  agent: fluentBit
                  executionRoleArn: arn:aws:iam::111122223333:role/logship-read-ingest-token
                  telemetry: {endpoint: "https://logship.internal:8443", tokenFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/logship/ingest"}
                """));
        try (ServeHarness h = ServeHarness.with(tmp).manifests(tree).resync(Duration.ofMinutes(10))
                .ingest(IngestSettings.of(INGEST_TOKEN, Duration.ofSeconds(30))).start()) {
            String seed = h.head();
            Waits.until("the seed applied on prod and staging", Duration.ofSeconds(60),
                    () -> h.syncedAndHealthy("prod", seed) && h.syncedAndHealthy("staging", seed));
            Waits.until("prod judged Silent", Duration.ofSeconds(30), () -> delivery(h, "prod").path("state").asText().equals("Silent"));

            JsonNode papertrail = delivery(h, "prod").path("forwarders").get(0);
            assertThat(papertrail.path("name").asText()).isEqualTo("papertrail");
            assertThat(papertrail.path("state").asText()).isEqualTo("Silent");
            assertThat(papertrail.path("message").asText()).contains("send no telemetry").contains("never reported");
            assertThat(papertrail.path("silentNodes").asInt()).isPositive();
            // staging's forwarder has no telemetry in Git: its silence says nothing, so it is not judged
            assertThat(delivery(h, "staging").path("state").asText()).isEqualTo("Unknown");
            assertThat(h.get("/api/v1/clusters/prod").body()).doesNotContain(INGEST_TOKEN);
        }
    }

    @Test
    void underPrometheusAForwarderServingMetricsThatIsNeverScrapedIsSilentAndOneWithoutStaysUnknown() throws Exception {
        Path tree = copyOfExamples();
        Path prod = tree.resolve("prod/fluent-bit.yaml");
        Files.writeString(prod, Files.readString(prod).replace("  agent: fluentBit\n", "  agent: fluentBit\n  prometheusMetrics: true\n"));
        AtomicInteger queries = new AtomicInteger();
        HttpServer prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            queries.incrementAndGet();
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        PrometheusSettings reading = new PrometheusSettings(URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort()), null,
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        try (ServeHarness h = ServeHarness.with(tmp).manifests(tree).resync(Duration.ofMinutes(10)).prometheus(reading).start()) {
            String seed = h.head();
            Waits.until("the seed applied on prod and staging", Duration.ofSeconds(60),
                    () -> h.syncedAndHealthy("prod", seed) && h.syncedAndHealthy("staging", seed));
            long applied = System.nanoTime();
            Waits.until("prod judged Silent", Duration.ofSeconds(30), () -> delivery(h, "prod").path("state").asText().equals("Silent"));
            System.out.printf("prod Silent %d ms after the seed applied, after %d PromQL reads%n",
                    (System.nanoTime() - applied) / 1_000_000, queries.get());

            JsonNode papertrail = delivery(h, "prod").path("forwarders").get(0);
            assertThat(papertrail.path("name").asText()).isEqualTo("papertrail");
            assertThat(papertrail.path("state").asText()).isEqualTo("Silent");
            assertThat(papertrail.path("message").asText()).contains("send no telemetry").contains("never reported");
            assertThat(papertrail.path("silentNodes").asInt()).isPositive();
            // no node carries logship.dev/scrape-address, so discovery lists none: Prometheus could never scrape them
            assertThat(h.get("/api/v1/prometheus/targets").body()).isEqualTo("[]");
            // staging's forwarder serves no metrics: nothing could be scraped, so its silence is not judged
            assertThat(delivery(h, "staging").path("state").asText()).isEqualTo("Unknown");
            assertThat(queries.get()).as("serve read this Prometheus").isPositive();
        } finally {
            prometheus.stop(0);
        }
    }

    private static JsonNode delivery(ServeHarness h, String cluster) throws Exception {
        return ServeHarness.JSON.readTree(h.get("/api/v1/clusters/" + cluster).body()).path("delivery");
    }

    private Path copyOfExamples() throws Exception {
        Path target = tmp.resolve("tree");
        try (Stream<Path> files = Files.walk(ServeHarness.EXAMPLES)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(ServeHarness.EXAMPLES.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }
}
