package dev.logship.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.cli.Operator;
import dev.logship.cli.ServeConfig;
import dev.logship.fluentbit.FluentBitBinary;
import dev.logship.fluentbit.RequiresFluentBit;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;

/**
 * Issue 20, "where users already run Prometheus, use it", end to end with every part real: serve
 * (in-process, local-ecs behind it, the forwarder applied there) answers Prometheus's HTTP service
 * discovery with the forwarder's node; a real Prometheus discovers it there and scrapes the real
 * Fluent Bit on that node's address (loopback here: the node's scrape-address attribute, set with
 * the SDK's PutAttributes) at the port the forwarder's task renders for its metrics (a Fluent Bit
 * forwarder with {@code prometheusMetrics: true} and its health check on a free port, where this
 * test's Fluent Bit serves its HTTP server); serve reads the figures back with PromQL and judges them. Records
 * flowing: Delivering; the receiver closed: DeliveryFailing with the route, in events and /metrics; the
 * receiver back: Delivering, DeliveryRecovered. serve has a read token, which guards the discovery
 * too: Prometheus asks with it.
 */
@RequiresFluentBit
class PrometheusDeliveryTest {
    static final Duration WINDOW = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String READ_TOKEN = "read-Pq7-" + Long.toHexString(System.nanoTime());
    /** Serves its metrics on {@code port}: the health check's port, as render gives it to discovery. */
    static String forwarder(int port) {
        return "agent: fluentBit\nimage: fluent/fluent-bit:5.1.1-debug\nroutes: [\"syslog+tls://logs.example.com:514\"]\n"
                + "prometheusMetrics: true\nhealthCheck: {port: " + port + "}\n";
    }

    @TempDir Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesWhatServeDiscoversAndServeJudgesWhatPrometheusHolds() throws Exception {
        Path fluentBit = FluentBitBinary.require();
        RealPrometheus.binary();
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("c.yaml"), TestSnapshots.cluster("prod", "us-east-1"));
        int prometheusPort = freePort();
        int metricsPort = freePort();
        Files.writeString(repo.resolve("f.yaml"), TestSnapshots.forwarder("pt", forwarder(metricsPort)));
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 1)
                .taskConvergence(Duration.ofMillis(20)).build())) {
            ServeConfig config = new ServeConfig(repo.toString(), null, null, ecs.endpoint().toString(), "127.0.0.1", 0,
                    tmp.resolve("data"), null, true, null, null, ControllerSettings.defaults()).withAccess(false, READ_TOKEN);
            PrometheusSettings settings = new PrometheusSettings(URI.create("http://127.0.0.1:" + prometheusPort), null,
                    WINDOW, Duration.ofSeconds(1));
            Operator serve = Operator.startWithPrometheus(config, settings);
            int port = serve.port();
            try (LineReceiver receiver = new LineReceiver();
                 EcsClient sdk = sdk(ecs.endpoint())) {
                Waits.until("serve runs the forwarder", Duration.ofSeconds(60),
                        () -> get(port, "/api/v1/clusters/prod").path("forwarders").path(0).path("running").asInt() == 1);
                String node = sdk.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns().get(0);
                sdk.putAttributes(r -> r.cluster("prod").attributes(Attribute.builder().name("logship.dev/scrape-address")
                        .value("127.0.0.1").targetType("container-instance").targetId(node).build()));
                String ec2 = sdk.describeContainerInstances(r -> r.cluster("prod").containerInstances(node))
                        .containerInstances().get(0).ec2InstanceId();
                JsonNode targets = Waits.until("serve's discovery lists the node", Duration.ofSeconds(30), () -> {
                    JsonNode t = get(port, "/api/v1/prometheus/targets");
                    return t.size() == 1 ? Optional.of(t) : Optional.empty();
                });
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/prometheus/targets"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as("discovery needs the read token").isEqualTo(401);
                assertThat(targets.path(0).path("targets").path(0).asText()).as("the node's host, the rendered port")
                        .isEqualTo("127.0.0.1:" + metricsPort);
                assertThat(targets.path(0).path("labels").toString()).contains("\"cluster\":\"prod\"", "\"forwarder\":\"pt\"",
                        "\"instance\":\"" + ec2 + "\"", "\"__metrics_path__\":\"/api/v2/metrics/prometheus\"");

                Process fb = startFluentBit(fluentBit, metricsPort, receiver.port());
                long started = System.nanoTime();
                try (RealPrometheus prometheus = RealPrometheus.start(tmp.resolve("prometheus"), prometheusPort,
                        "http://127.0.0.1:" + port + "/api/v1/prometheus/targets", READ_TOKEN)) {
                    JsonNode delivering = waitForState(port, "Delivering", Duration.ofSeconds(60), prometheus, fb);
                    System.out.printf("Delivering %d ms after Fluent Bit and Prometheus started%n",
                            (System.nanoTime() - started) / 1_000_000);
                    assertThat(delivering.path("forwarders").path(0).path("nodes").path(0).path("node").asText()).isEqualTo(ec2);
                    assertThat(receiver.bytes.get()).isPositive();
                    printReadCost(settings);

                    int receiverPort = receiver.port();
                    receiver.close();
                    long down = System.nanoTime();
                    JsonNode failing = waitForState(port, "DeliveryFailing", WINDOW.plusSeconds(30), prometheus, fb);
                    System.out.printf("DeliveryFailing %d ms after the receiver closed (window %d s)%n",
                            (System.nanoTime() - down) / 1_000_000, WINDOW.toSeconds());
                    JsonNode f = failing.path("forwarders").path(0);
                    assertThat(f.path("failingNodes").asInt()).isEqualTo(1);
                    assertThat(f.path("failingRoutes").path(0).path("route").asText()).isEqualTo("tcp.0");
                    assertThat(get(port, "/api/v1/events").toString()).contains("DeliveryFailing", "forwarder pt");
                    assertThat(text(port, "/metrics")).contains(
                            "logship_delivery_state{cluster=\"prod\",forwarder=\"pt\",state=\"DeliveryFailing\"} 1.0",
                            "logship_prometheus_reads_total{outcome=\"ok\"}");

                    try (LineReceiver back = new LineReceiver(receiverPort)) {
                        long up = System.nanoTime();
                        waitForState(port, "Delivering", WINDOW.plusSeconds(60), prometheus, fb);
                        System.out.printf("Delivering again %d ms after the receiver came back%n", (System.nanoTime() - up) / 1_000_000);
                        assertThat(get(port, "/api/v1/events").toString()).contains("DeliveryRecovered");
                        assertThat(back.bytes.get()).isPositive();
                    }
                    assertThat(text(port, "/api/v1/clusters/prod") + text(port, "/metrics") + text(port, "/api/v1/events"))
                            .doesNotContain(READ_TOKEN);
                } finally {
                    fb.destroy();
                    fb.waitFor();
                }
            } finally {
                serve.close();
            }
        }
    }

    /** What one read costs against this Prometheus: the reader's own query over the whole kept window. */
    private static void printReadCost(PrometheusSettings settings) throws Exception {
        long[] counts = new long[2];
        long t0 = System.nanoTime();
        new PromQl(settings).query(PrometheusReader.query(WINDOW.multipliedBy(3)), Instant.now(), (labels, at, values) -> {
            counts[0]++;
            counts[1] += at.size();
        });
        System.out.printf("PromQL read of the kept window: %d series, %d points, %.1f ms%n", counts[0], counts[1],
                (System.nanoTime() - t0) / 1e6);
    }

    private Process startFluentBit(Path binary, int metricsPort, int receiverPort) throws IOException {
        Path service = Files.writeString(tmp.resolve("service.conf"), """
                [SERVICE]
                    flush 1
                    http_server on
                    http_listen 127.0.0.1
                    http_port %d
                """.formatted(metricsPort));
        return new ProcessBuilder(binary.toString(), "-c", service.toString(), "-i", "dummy", "-p", "rate=10", "-t", "app",
                "-o", "tcp", "-m", "*", "-p", "host=127.0.0.1", "-p", "port=" + receiverPort, "-p", "format=json_lines")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("fluent-bit.log").toFile()).start();
    }

    private JsonNode waitForState(int port, String state, Duration timeout, RealPrometheus prometheus, Process fb)
            throws Exception {
        try {
            return Waits.until("delivery " + state, timeout, () -> {
                JsonNode delivery = get(port, "/api/v1/clusters/prod").path("delivery");
                return state.equals(delivery.path("state").asText()) ? Optional.of(delivery) : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; delivery " + get(port, "/api/v1/clusters/prod").path("delivery")
                    + "\nPrometheus targets " + text(prometheus.port, "/api/v1/targets") + "\nPrometheus log "
                    + prometheus.log().lines().filter(l -> l.contains("level=warn") || l.contains("level=error")).toList()
                    + "\nFluent Bit alive "
                    + fb.isAlive() + ": " + Files.readString(tmp.resolve("fluent-bit.log")), e);
        }
    }

    private JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(text(port, path));
    }

    private String text(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static EcsClient sdk(URI endpoint) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
