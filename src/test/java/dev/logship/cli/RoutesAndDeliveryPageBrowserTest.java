package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.script;
import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import dev.logship.web.IngestRoutes;
import dev.logship.web.IngestSettings;
import dev.logship.web.OtlpPushes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Routes (#19) and delivery (#20) as the status API and the page show them, against serve
 * in-process, local-ecs over HTTP with the examples' clusters, and telemetry pushed to serve's
 * ingest in Fluent Bit's own OTLP shape ({@link OtlpPushes}): prod's papertrail delivers on one
 * node, fails its CloudWatch Logs route on another and never reports from the third
 * (DeliveryFailing); staging delivers on every node (Delivering); managed's one node reported
 * long ago (Silent, named); legacy never reports (Unknown). The API gives each route (a managed
 * daemon's too) by kind and masked target and names a failing route the same way; the page in a
 * real headless Chromium shows the routing in words, the delivery column, per-node reports, and
 * never a route's host, port or a token.
 */
class RoutesAndDeliveryPageBrowserTest {
    private static final String INGEST_TOKEN = "ingest-Tq81Z-distinctive";
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final List<String> SECRETS = List.of("12345", "55555", "papertrailapp", INGEST_TOKEN, ServeHarness.API_TOKEN,
            ServeHarness.WEBHOOK_SECRET, ServeHarness.GIT_TOKEN);

    @TempDir
    Path tmp;

    @Test
    void thePageShowsEachRouteInWordsAndEachClustersDeliveryPerNodeAndNoSecret() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10), Duration.ZERO, UnaryOperator.identity(),
                IngestSettings.of(INGEST_TOKEN, WINDOW));
             Pusher pusher = new Pusher(h)) {
            String seed = h.head();
            Waits.until("the seed applied on prod and staging", Duration.ofSeconds(60),
                    () -> h.syncedAndHealthy("prod", seed) && h.syncedAndHealthy("staging", seed));
            pusher.start();
            Waits.until("every cluster judged", Duration.ofSeconds(30), () -> deliveryStates(h).equals(
                    Map.of("prod", "DeliveryFailing", "staging", "Delivering", "managed", "Silent", "legacy", "Unknown")));
            Waits.until("prod-node-a's rates over two reports", Duration.ofSeconds(30), () -> node(ServeHarness.JSON.readTree(
                    h.get("/api/v1/clusters/prod").body()).path("delivery").path("forwarders").path(0), "prod-node-a")
                    .path("recordsOutPerSecond").asDouble() > 0);

            // The API: routes by kind and masked target, the failing route named the same way, nodes with reports and rates.
            JsonNode row = row(h, "prod");
            JsonNode routes = row.path("forwarders").path(0).path("routes");
            assertThat(routes.toString()).isEqualTo("[{\"kind\":\"syslog\",\"target\":\"syslog+tls://****:****\",\"containers\":\"all\"},"
                    + "{\"kind\":\"cloudwatchLogs\",\"target\":\"/ecs/prod/{container} (us-east-1)\",\"containers\":\"api, worker\"}]");
            assertThat(row(h, "managed").path("forwarders").path(0).path("routes").toString()).as("a managed daemon's routes too")
                    .isEqualTo("[{\"kind\":\"syslog\",\"target\":\"syslog+tls://****:****\",\"containers\":\"all\"}]");
            JsonNode cell = row.path("delivery");
            assertThat(cell.path("uncovered").asInt()).isZero();
            assertThat(cell.path("silent").asInt()).as("the third node never reported").isEqualTo(1);
            assertThat(cell.path("covered").asInt()).as("tasks running").isEqualTo(row.path("forwarders").path(0).path("running").asInt());
            JsonNode prod = ServeHarness.JSON.readTree(h.get("/api/v1/clusters/prod").body()).path("delivery");
            JsonNode papertrail = prod.path("forwarders").path(0);
            assertThat(papertrail.path("failingRoutes").toString()).isEqualTo("[{\"route\":\"cloudwatch_logs.1\",\"kind\":\"cloudwatchLogs\","
                    + "\"target\":\"/ecs/prod/{container} (us-east-1)\",\"containers\":\"api, worker\",\"nodes\":1}]");
            JsonNode nodeA = node(papertrail, "prod-node-a");
            assertThat(nodeA.path("state").asText()).isEqualTo("Delivering");
            assertThat(nodeA.path("recordsOutPerSecond").asDouble()).isPositive();
            assertThat(Instant.parse(nodeA.path("lastReport").asText())).isAfter(Instant.now().minus(WINDOW));
            JsonNode nodeB = node(papertrail, "prod-node-b");
            assertThat(nodeB.path("state").asText()).isEqualTo("DeliveryFailing");
            assertThat(nodeB.path("errors").asLong()).isPositive();
            assertThat(nodeB.path("failingRoutes").toString()).isEqualTo("[\"cloudwatch_logs.1\"]");
            JsonNode managed = ServeHarness.JSON.readTree(h.get("/api/v1/clusters/managed").body()).path("delivery");
            assertThat(managed.path("coverage").path("silentNodes").toString()).isEqualTo("[\"managed-node-1\"]");
            JsonNode summary = ServeHarness.JSON.readTree(h.get("/api/v1/summary").body());
            assertThat(summary.path("counts").path("delivery").toString())
                    .isEqualTo("{\"Delivering\":1,\"DeliveryFailing\":1,\"Silent\":1,\"Unknown\":1}");
            JsonNode failing = ServeHarness.JSON.readTree(h.get("/api/v1/clusters?state=DeliveryFailing").body());
            assertThat(failing.path("clusters").size()).isEqualTo(1);
            assertThat(failing.path("clusters").path(0).path("name").asText()).isEqualTo("prod");
            List<String> reads = new ArrayList<>();
            for (String path : List.of("/api/v1/summary", "/api/v1/clusters", "/api/v1/clusters/prod", "/api/v1/clusters/legacy",
                    "/api/v1/clusters/staging", "/api/v1/status")) {
                reads.add(h.get(path).body());
            }
            SECRETS.forEach(secret -> reads.forEach(body -> assertThat(body).as("a read must not carry " + secret).doesNotContain(secret)));

            WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
            try {
                browser.get(h.url("/").toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                wait.until(b -> text(b, "tbody[data-cluster=legacy] td.delivery").startsWith("Unknown"));
                assertThat(text(browser, "tbody[data-cluster=prod] td.delivery")).startsWith("DeliveryFailing")
                        .endsWith(cell.path("covered").asInt() + " covered · 0 uncovered · 1 silent");
                assertThat(text(browser, "tbody[data-cluster=staging] td.delivery")).startsWith("Delivering");
                assertThat(text(browser, "tbody[data-cluster=managed] td.delivery")).startsWith("Silent");
                assertThat(script(browser, "return document.querySelector('tbody[data-cluster=legacy] td.delivery .badge').title"))
                        .isEqualTo("logspout-service: telemetry is off for this forwarder");

                // Routes in words, exactly as the API's routes say them (containers -> kind target).
                String routesShown = "tbody[data-cluster=prod] tr[data-forwarder=papertrail] td.routes";
                assertThat(text(browser, routesShown)).isEqualTo("all -> syslog syslog+tls://****:****\n"
                        + "api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)");
                assertThat(text(browser, "tbody[data-cluster=managed] tr[data-forwarder=fluent-bit-managed] td.routes"))
                        .isEqualTo("all -> syslog syslog+tls://****:****");
                assertThat(text(browser, "#commit")).isEqualTo("in force " + seed.substring(0, 12)
                        + " · signatures not verified (--verify-signatures off)");

                // Delivery in the opened details: per node, the failing route by kind and masked target, coverage.
                String nodes = "[data-delivery=prod] tr.delivery-node";
                wait.until(b -> count(b, nodes) == 2);
                assertThat(text(browser, nodes + "[data-node=prod-node-b]")).contains("DeliveryFailing").contains("errors")
                        .contains("cloudwatch_logs.1");
                assertThat(text(browser, nodes + "[data-node=prod-node-a] td.last-report")).isNotEqualTo("never").isNotBlank();
                assertThat(text(browser, nodes + "[data-node=prod-node-a] td.rates")).matches("\\d+\\.\\d in/s · \\d+\\.\\d out/s")
                        .doesNotStartWith("0.0");
                assertThat(text(browser, "[data-delivery=prod] .failing-route")).isEqualTo("api, worker -> cloudwatchLogs"
                        + " /ecs/prod/{container} (us-east-1) (cloudwatch_logs.1) failing on 1 node");
                assertThat(text(browser, "[data-delivery=prod] .delivery-coverage"))
                        .isEqualTo(cell.path("covered").asInt() + " node(s) run a forwarder · 0 uncovered · 1 silent");
                wait.until(b -> text(b, "[data-delivery=managed] .delivery-coverage").contains("(silent: managed-node-1)"));
                assertThat(text(browser, "[data-delivery=legacy]")).contains("telemetry is off for this forwarder");
                assertThat(text(browser, "#summary")).contains("1 delivery failing").contains("1 Silent").contains("1 Delivering");

                // The delivery filter: only prod.
                browser.get(h.url("/#state=DeliveryFailing").toString());
                wait.until(b -> script(b, "return [...document.querySelectorAll('tbody.cluster')].map(e => e.dataset.cluster).join(',')")
                        .equals("prod"));

                String page = browser.getPageSource();
                SECRETS.forEach(secret -> assertThat(page).as("the page must not show " + secret).doesNotContain(secret));

                browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
                wait.until(b -> script(b, "return String(window.innerWidth)").equals("800"));
                assertThat(script(browser, "return [...document.querySelectorAll('#clusters > thead th')]"
                        + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText).join('|')")).isEmpty();
            } finally {
                browser.quit();
            }
        }
    }

    private static Map<String, String> deliveryStates(ServeHarness h) throws Exception {
        Map<String, String> states = new java.util.TreeMap<>();
        for (JsonNode c : ServeHarness.JSON.readTree(h.get("/api/v1/clusters").body()).path("clusters")) {
            states.put(c.path("name").asText(), c.path("delivery").path("state").asText());
        }
        return states;
    }

    private static JsonNode row(ServeHarness h, String cluster) throws Exception {
        for (JsonNode c : ServeHarness.JSON.readTree(h.get("/api/v1/clusters").body()).path("clusters")) {
            if (c.path("name").asText().equals(cluster)) {
                return c;
            }
        }
        throw new AssertionError("no row " + cluster);
    }

    private static JsonNode node(JsonNode forwarder, String name) {
        for (JsonNode n : forwarder.path("nodes")) {
            if (n.path("node").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name + " in " + forwarder);
    }

    private static long count(WebDriver browser, String css) {
        return Long.parseLong(script(browser, "return String(document.querySelectorAll(arguments[0]).length);", css));
    }

    /**
     * Pushes every 3 s what the nodes report, with counters that grow: prod-node-a and staging's
     * three nodes deliver on every route; prod-node-b gets nothing out of route 1 (CloudWatch Logs)
     * and counts errors there, while its syslog route delivers; managed-node-1's reports are dated
     * 35 s back, beyond the 30 s window, as a node whose reports stopped arriving (Silent, named).
     */
    private static final class Pusher implements AutoCloseable {
        private final ServeHarness h;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong round = new AtomicLong();

        Pusher(ServeHarness h) {
            this.h = h;
        }

        void start() {
            timer.scheduleWithFixedDelay(this::pushAll, 0, 3, TimeUnit.SECONDS);
        }

        private void pushAll() {
            long n = round.incrementAndGet() * 100;
            Instant now = Instant.now();
            try {
                push("prod", "papertrail", "prod-node-a", now, n, Map.of("syslog.0", new long[] {n, 0}, "cloudwatch_logs.1", new long[] {n, 0}));
                push("prod", "papertrail", "prod-node-b", now, n, Map.of("syslog.0", new long[] {n, 0}, "cloudwatch_logs.1", new long[] {0, n / 10}));
                push("managed", "fluent-bit-managed", "managed-node-1", now.minusSeconds(35), n, Map.of("syslog.0", new long[] {n, 0}));
                for (String node : List.of("staging-node-1", "staging-node-2", "staging-node-3")) {
                    push("staging", "papertrail-staging", node, now, n, Map.of("syslog.0", new long[] {n, 0}));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        int push(String cluster, String forwarder, String node, Instant at, long recordsIn, Map<String, long[]> routes) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(h.url(IngestRoutes.PATH)).header("Authorization", "Bearer " + INGEST_TOKEN)
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpPushes.push(cluster, forwarder, node, at, recordsIn, routes))).build();
            return h.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
