package dev.logship.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.NodeSample;
import dev.logship.delivery.RouteCounters;
import dev.logship.delivery.SampleWindow;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The telemetry ingest over real HTTP: what it takes, and every hostile push it refuses without touching any state. */
class IngestRoutesTest {
    private static final String TOKEN = "ingest-" + Long.toHexString(System.nanoTime());
    private static final int PER_MINUTE = 5;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private final SampleWindow window = new SampleWindow(Duration.ofMinutes(6), 100, Clock.systemUTC());
    private Javalin app;

    @BeforeEach
    void start() {
        IngestRoutes routes = new IngestRoutes(new IngestSettings(TOKEN, 16 * 1024, PER_MINUTE, Duration.ofMinutes(2)),
                window, registry);
        app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> post(byte[] body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + IngestRoutes.PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/x-protobuf");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] push(String node, Instant at) {
        return OtlpPushes.push("prod", "fb", node, at, 300, Map.of("syslog.0", new long[] {290, 0}, "syslog.1", new long[] {0, 4}));
    }

    private double counted(String outcome) {
        var counter = registry.find("logship.ingest.requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAuthenticatedFluentBitPushBecomesTheNodesSample() throws Exception {
        Instant at = Instant.now();
        assertThat(post(push("node-7", at), "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        List<NodeSample> samples = window.samples("prod", "fb").get("node-7");
        assertThat(samples).hasSize(1);
        NodeSample sample = samples.get(0);
        assertThat(sample.at()).isEqualTo(Instant.ofEpochSecond(at.getEpochSecond(), at.getNano()));
        assertThat(sample.recordsIn()).as("the metrics input is not a record source").isEqualTo(300);
        assertThat(sample.routes()).as("logship's own telemetry output is not a route").containsOnlyKeys("syslog.0", "syslog.1");
        assertThat(sample.routes().get("syslog.0")).isEqualTo(new RouteCounters(290, 0, 0, 0, 0));
        assertThat(sample.routes().get("syslog.1")).isEqualTo(new RouteCounters(0, 4, 4, 0, 0));
        assertThat(sample.bufferedBytes()).isEqualTo(4096);
        assertThat(counted("accepted")).isEqualTo(1);
    }

    @Test
    void refusesUnauthenticatedOversizedMalformedAndReplayedPushesCountingEachAndChangingNothing() throws Exception {
        Instant at = Instant.now();
        assertThat(post(push("node-1", at), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        var before = window.samples("prod", "fb");

        HttpResponse<String> none = post(push("node-1", at.plusSeconds(10)), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(post(push("node-1", at.plusSeconds(10)), "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post(push("node-9", at.plusSeconds(10)), "Basic " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(post(new byte[20 * 1024], "Bearer " + TOKEN).statusCode()).as("over the 16 KiB limit").isEqualTo(413);
        assertThat(post("{\"not\":\"protobuf\"}".getBytes(), "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        byte[] unlabelled = OtlpPushes.push("prod", "fb", "", at.plusSeconds(10), 1, Map.of());
        assertThat(post(unlabelled, "Bearer " + TOKEN).statusCode()).as("no node name").isEqualTo(400);
        HttpResponse<String> replay = post(push("node-1", at), "Bearer " + TOKEN);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).doesNotContain(TOKEN);

        assertThat(window.samples("prod", "fb")).as("no refused push changed anything").isEqualTo(before);
        assertThat(counted("unauthenticated")).isEqualTo(3);
        assertThat(counted("too_large")).isEqualTo(1);
        assertThat(counted("malformed")).isEqualTo(2);
        assertThat(counted("replayed")).isEqualTo(1);
        assertThat(registry.scrape()).contains("logship_ingest_requests_total{outcome=\"replayed\"} 1.0")
                .doesNotContain(TOKEN);
    }

    @Test
    void oneNodesFloodIsCutOffWhileAnotherNodeStillGetsIn() throws Exception {
        Instant at = Instant.now();
        int limited = 0;
        for (int i = 0; i < PER_MINUTE * 3; i++) {
            if (post(push("noisy", at.plusSeconds(i)), "Bearer " + TOKEN).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(PER_MINUTE * 2);
        assertThat(post(push("quiet", at), "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(window.samples("prod", "fb").get("noisy")).hasSize(PER_MINUTE);
        assertThat(counted("rate_limited")).isEqualTo(PER_MINUTE * 2);
    }
}
