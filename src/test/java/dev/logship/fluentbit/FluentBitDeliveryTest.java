package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.cli.Operator;
import dev.logship.cli.ServeConfig;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.web.IngestSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 end to end: the rendered forwarder with {@code spec.telemetry}, run by the real Fluent
 * Bit in a node namespace, pushes its own metrics to a real serve (local-ecs behind it, the
 * forwarder applied there) through the node's loopback; serve judges delivery from them.
 * Records flowing are Delivering; the syslog receiver closed makes the route fail, DeliveryFailing
 * within the window with the route and node count; the receiver back is DeliveryRecovered.
 */
class FluentBitDeliveryTest {
    static final String TOKEN_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest-token";
    static final String TOKEN = "ingest-Zq81-" + Long.toHexString(System.nanoTime());
    static final Duration WINDOW = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    static String manifest() {
        return FluentBitEndToEndTest.MANIFEST + """
                telemetry:
                  endpoint: http://127.0.0.1:%d
                  tokenFrom: %s
                  interval: 2s
                """.formatted(NodeServices.INGEST_PORT, TOKEN_ARN);
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private String metrics(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode waitForState(int port, String state, Duration timeout) throws Exception {
        return Waits.until("delivery " + state, timeout, () -> {
            JsonNode delivery = get(port, "/api/v1/clusters/prod").path("delivery");
            return state.equals(delivery.path("state").asText()) ? Optional.of(delivery) : Optional.empty();
        });
    }

    @Test
    void deliveringThenFailingWhenTheReceiverStopsThenRecovered() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("c.yaml"), TestSnapshots.cluster("prod", "us-east-1"));
        Files.writeString(repo.resolve("f.yaml"), TestSnapshots.forwarder("pt", manifest()));
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 1)
                .taskConvergence(Duration.ofMillis(20)).build())) {
            ServeConfig config = new ServeConfig(repo.toString(), null, null, ecs.endpoint().toString(), "127.0.0.1", 0,
                    tmp.resolve("data"), null, true, null, null, ControllerSettings.defaults());
            Operator serve = Operator.start(config, IngestSettings.of(TOKEN, WINDOW));
            Path services = Files.createDirectories(tmp.resolve("ns/services"));
            try (UnixRelay relay = UnixRelay.unixToTcp(services.resolve("ingest.sock"), serve.port())) {
                int port = serve.port();
                Waits.until("serve runs the forwarder", Duration.ofSeconds(60), () -> {
                    JsonNode f = get(port, "/api/v1/clusters/prod").path("forwarders").path(0);
                    return f.path("running").asInt() == 1 ? Optional.of(f) : Optional.empty();
                });
                FluentBitEndToEndTest.Node node = FluentBitEndToEndTest.startNode(tmp, manifest(), Map.of(TOKEN_ARN, TOKEN));
                try (NodeNamespace ns = node.namespace()) {
                    DockerLogs web = FluentBitEndToEndTest.container(node, "a1b2c3d4e5f6" + "0".repeat(52), "web", "app");
                    long started = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        web.write("stdout", "line " + i);
                    }
                    JsonNode delivering;
                    try {
                        delivering = waitForState(port, "Delivering", Duration.ofSeconds(30));
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + "; status " + get(port, "/api/v1/clusters/prod")
                                + "\n" + metrics(port).lines().filter(l -> l.startsWith("logship_ingest")).toList()
                                + ns.diagnostics(), e);
                    }
                    System.out.printf("Delivering %d ms after the first line%n", (System.nanoTime() - started) / 1_000_000);
                    JsonNode reported = delivering.path("forwarders").path(0);
                    assertThat(reported.path("name").asText()).isEqualTo("pt");
                    assertThat(reported.path("nodes").path(0).path("node").asText()).isEqualTo("node-7");
                    assertThat(delivering.path("coverage").path("covered").asInt()).isEqualTo(1);

                    Files.writeString(ns.services.resolve("receiver-down"), "");
                    Waits.until("the receiver is closed", Duration.ofSeconds(20),
                            () -> Files.exists(ns.services.resolve("receiver-closed")) ? Optional.of(true) : Optional.empty());
                    long down = System.nanoTime();
                    for (int i = 0; i < 20; i++) {
                        web.write("stdout", "during the outage " + i);
                    }
                    JsonNode failing = waitForState(port, "DeliveryFailing", WINDOW.plusSeconds(20));
                    long tookMillis = (System.nanoTime() - down) / 1_000_000;
                    System.out.printf("DeliveryFailing %d ms after the receiver closed (window %d s)%n", tookMillis,
                            WINDOW.toSeconds());
                    JsonNode f = failing.path("forwarders").path(0);
                    assertThat(f.path("failingNodes").asInt()).isEqualTo(1);
                    assertThat(f.path("failingRoutes").path(0).path("kind").asText()).isEqualTo("syslog");
                    assertThat(f.path("failingRoutes").path(0).path("nodes").asInt()).isEqualTo(1);
                    // Named as status names the forwarder's route 0 (the real binary calls its first output syslog.0): masked.
                    JsonNode route = get(port, "/api/v1/clusters/prod").path("forwarders").path(0).path("routes").path(0);
                    assertThat(f.path("failingRoutes").path(0).path("route").asText()).isEqualTo("syslog.0");
                    assertThat(f.path("failingRoutes").path(0).path("target").asText()).isEqualTo(route.path("target").asText())
                            .contains("****");
                    assertThat(failing.toString()).doesNotContain(FluentBitEndToEndTest.RECEIVER_HOST, "6514", TOKEN);
                    assertThat(metrics(port)).contains(
                            "logship_delivery_state{cluster=\"prod\",forwarder=\"pt\",state=\"DeliveryFailing\"} 1.0",
                            "logship_delivery_failing_nodes{cluster=\"prod\",forwarder=\"pt\"} 1.0");

                    Files.delete(ns.services.resolve("receiver-down"));
                    waitForState(port, "Delivering", Duration.ofSeconds(60));
                    JsonNode events = get(port, "/api/v1/events");
                    assertThat(events.toString()).contains("DeliveryFailing", "DeliveryRecovered", "forwarder pt")
                            .doesNotContain(TOKEN);
                    assertThat(metrics(port)).contains(
                            "logship_delivery_state{cluster=\"prod\",forwarder=\"pt\",state=\"Delivering\"} 1.0")
                            .contains("logship_ingest_requests_total{outcome=\"accepted\"}").doesNotContain(TOKEN);
                }
            } finally {
                serve.close();
            }
        }
    }
}
