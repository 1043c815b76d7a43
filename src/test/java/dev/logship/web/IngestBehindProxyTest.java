package dev.logship.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * A fleet behind a load balancer, over real HTTP: with the balancer (here loopback) trusted, each
 * node is limited by the address X-Forwarded-For names, so the fleet gets in and one node's flood
 * is still cut off; without it, the header is ignored, so a client cannot pick its own address.
 */
class IngestBehindProxyTest {
    private static final String TOKEN = "ingest-" + Long.toHexString(System.nanoTime());
    private static final int PER_ADDRESS = 3;

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private SampleWindow window;

    private void start(List<String> trusted) {
        window = new SampleWindow(Duration.ofMinutes(6), 1000, Clock.systemUTC());
        IngestSettings settings = new IngestSettings(TOKEN, 16 * 1024, 30, Duration.ofMinutes(2)).withAddresses(PER_ADDRESS, trusted);
        IngestRoutes routes = new IngestRoutes(settings, window, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private int push(String node, Instant at, String forwardedFor) throws Exception {
        byte[] body = OtlpPushes.push("prod", "fb", node, at, 10, Map.of("syslog.0", new long[] {10, 0}));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + IngestRoutes.PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", "Bearer " + TOKEN)
                .header(IngestRoutes.FORWARDED_FOR, forwardedFor).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void behindATrustedBalancerEachNodeIsLimitedByItsOwnAddress() throws Exception {
        start(List.of("127.0.0.0/8", "10.0.0.0/8"));
        Instant at = Instant.now();
        for (int node = 0; node < 20; node++) {
            // an ALB appends the address it saw; a second trusted hop (10.0.0.5) is skipped
            assertThat(push("node-" + node, at, "198.51.100." + node + ", 10.0.0.5")).as("node %d", node).isEqualTo(200);
        }
        assertThat(window.samples("prod", "fb")).hasSize(20);
        int[] statuses = new int[PER_ADDRESS + 2];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = push("flooder-" + i, at.plusSeconds(i), "198.51.100.99");
        }
        assertThat(statuses).as("one address past its %d a minute", PER_ADDRESS).containsExactly(200, 200, 200, 429, 429);
        assertThat(push("node-0", at.plusSeconds(30), "198.51.100.0")).as("the others still get in").isEqualTo(200);
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() throws Exception {
        start(List.of("10.0.0.0/8"));
        Instant at = Instant.now();
        int accepted = 0;
        for (int node = 0; node < 10; node++) {
            accepted += push("node-" + node, at, "198.51.100." + node) == 200 ? 1 : 0;
        }
        assertThat(accepted).as("all from one peer, whatever the header claims").isEqualTo(PER_ADDRESS);
    }

    @Test
    void readsTheRightMostUntrustedHopAndNeverResolvesNames() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(clients.of("10.1.2.3", List.of("203.0.113.7, 198.51.100.2"))).as("a client's own claim stays left").isEqualTo("198.51.100.2");
        assertThat(clients.of("10.1.2.3", List.of("198.51.100.2", "10.9.9.9"))).isEqualTo("198.51.100.2");
        assertThat(clients.of("10.1.2.3", List.of())).as("no header: the balancer itself").isEqualTo("10.1.2.3");
        assertThat(clients.of("10.1.2.3", List.of("example.com"))).as("not an address").isEqualTo("10.1.2.3");
        assertThat(clients.of("192.0.2.1", List.of("198.51.100.2"))).as("untrusted peer").isEqualTo("192.0.2.1");
        assertThat(clients.of("[fd00::1]", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }
}
