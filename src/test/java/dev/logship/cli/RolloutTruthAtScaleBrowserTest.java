package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.script;
import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.git.SourceFactory;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.Controller;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.SourceStatus;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.RolloutPolicyManifest;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import dev.logship.web.OperatorServer;
import dev.logship.web.ServeMetrics;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 18's "what people see must be true", at 300 clusters in two waves of 150 (canary, staging)
 * in a real headless Chromium against the real controller, server, Git and local-ecs: while wave 1
 * bakes, wave 2 is Waiting (neutral, never failing) in the table, the summary, the panel and the
 * API; after a halt the panel counts the clusters the commit did not change as unchanged, as the
 * table does; a stalled commit is told once at the top and clusters count by their own state; at
 * 800 px the headers and the summary column stay inside their cells; with no API token the resume
 * control asks for none.
 */
class RolloutTruthAtScaleBrowserTest {
    private static final int CLUSTERS = 300;
    @TempDir Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void wavesHaltsAndStalledCommitsAreToldTheSameWayEverywhere() throws Exception {
        Fleet fleet = Fleet.inWaves(RolloutPolicyManifest.named("rings", "1h", "rollback"),
                ForwarderManifest.named("logs", "syslog+tls://logs.example.com:12345").image(Fleet.LOGSPOUT),
                new Fleet.Wave("canary", names(0, 150), null), new Fleet.Wave("staging", names(150, CLUSTERS), null)).nodesPerCluster(3)
                .forwarder(canaryForwarder(Fleet.LOGSPOUT));
        try (ManifestRepo repo = ManifestRepo.seeded(tmp, fleet);
             LocalEcsServer ecs = LocalEcsServer.start(fleet.localEcs().build());
             AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3))) {
            ServeMetrics metrics = new ServeMetrics();
            var source = SourceFactory.open(repo.bare.toString(), "main", null, tmp.resolve("data"), null);
            Controller controller = new Controller(source, SourceStatus.notFetched(repo.bare.toString(), "main", null),
                    new ClusterSynchronizer(gateways), ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10))
                    .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2))), metrics);
            OperatorServer server = new OperatorServer(controller,
                    new WebhookVerifier(WebhookSettings.signed("unused-secret", repo.bare.toString(), () -> "main")),
                    dev.logship.web.ApiAccess.of(null, true, null), metrics);
            WebDriver browser = null;
            try {
                server.start("127.0.0.1", 0);
                controller.start();
                int port = server.port();
                Waits.until("wave 1 baking, wave 2 waiting", Duration.ofMinutes(3), () -> {
                    JsonNode states = summary(port).path("counts").path("rollout");
                    return states.path("Baking").asInt() == 150 && states.path("Waiting").asInt() == 150;
                });

                // 1. Waiting for a wave: neutral, never failing, told the same by the API, the table and the panel.
                JsonNode counts = summary(port).path("counts");
                assertThat(counts.path("failing").asInt()).isZero();
                JsonNode waiting = json(port, "/api/v1/clusters?state=Waiting&size=10");
                assertThat(waiting.path("matched").asInt()).isEqualTo(150);
                assertThat(waiting.path("clusters").path(0).path("rollout").path("text").asText())
                        .isEqualTo("Waiting: wave 2 of 2 (staging), starts after wave 1 bakes");
                JsonNode wave2 = json(port, "/api/v1/rollouts").path("rollouts").path(0).path("waves").path(1);
                assertThat(wave2.path("name").asText()).isEqualTo("staging");
                assertThat(wave2.path("more").asInt()).isEqualTo(130);

                browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                browser.get("http://127.0.0.1:" + port + "/#state=Waiting");
                shows(browser, "#summary", "300 clusters");
                wait.until(b -> text(b, "#summary").contains("150 Waiting"));
                assertThat(text(browser, "#summary")).contains("300 clusters").contains("0 failing").contains("150 Baking")
                        .doesNotContain("Missing");
                wait.until(b -> text(b, "#pager").contains("of 150 (filtered from 300)"));
                String firstRow = text(browser, "tbody.cluster td.state");
                assertThat(firstRow).startsWith("Waiting").contains("Waiting: wave 2 of 2 (staging), starts after wave 1 bakes")
                        .doesNotContain("OutOfSync").doesNotContain("Missing");
                assertThat(script(browser, "return getComputedStyle(document.querySelector('tbody.cluster td.state .badge')).backgroundColor"))
                        .as("a waiting cluster is neutral, not red").isNotEqualTo("rgb(253, 226, 225)");
                assertThat(text(browser, ".rollout .rollout-wave")).isEqualTo("wave 1 of 2 (canary)");
                assertThat(text(browser, ".rollout-waves li[data-wave='2']")).startsWith("wave 2 (staging): 150 clusters (waiting 150)")
                        .endsWith("+130 more");

                // 2. A commit that breaks only the canary forwarder halts in wave 1; wave 2 did not change.
                String calm = repo.commit(fleet.policy(fleet.policy().bakeTime("0s")), "no bake time");
                controller.syncSource("test");
                Waits.until("every cluster done on " + calm, Duration.ofMinutes(3), () -> {
                    JsonNode r = json(port, "/api/v1/rollouts?clusters=none").path("rollouts").path(0);
                    return r.path("commit").asText().equals(calm) && r.path("state").asText().equals("DONE");
                });
                String bad = repo.commit(fleet.forwarder(canaryForwarder(Fleet.CRASHLOOPING))
                        .policy(RolloutPolicyManifest.named("rings", "0s", "rollback").wave("canary", "1").wave("staging", null)),
                        "crash-looping canary forwarder");
                controller.syncSource("test");
                Waits.until("halted with the canary rolled back", Duration.ofMinutes(3), () -> {
                    JsonNode r = json(port, "/api/v1/rollouts?clusters=none").path("rollouts").path(0);
                    return r.path("commit").asText().equals(bad) && r.path("state").asText().equals("HALTED")
                            && summary(port).path("counts").path("rollout").path("RolledBack").asInt() == 1
                            && summary(port).path("counts").path("rollout").path("Unchanged").asInt() == 150;
                });
                browser.get("http://127.0.0.1:" + port + "/#state=Unchanged");
                shows(browser, ".rollout[data-state=HALTED] .rollout-waves li[data-wave='2']", "wave 2 (staging): 150 clusters (unchanged 150)");
                wait.until(b -> text(b, "#pager").contains("of 150 (filtered from 300)"));
                assertThat(text(browser, "tbody.cluster td.state")).contains("Synced").contains("Healthy").doesNotContain("Waiting");
                // The canary's own rollback may still be under way: held and unchanged are what the panel and table must agree on.
                assertThat(text(browser, ".rollout .rollout-counts")).contains("held 149").contains("unchanged 150").doesNotContain("pending");
                assertThat(text(browser, "#summary")).contains("149 held by a halt").contains("150 Unchanged");
                assertThat(script(browser, "return String(document.querySelectorAll('form.resume input').length)"))
                        .as("no API token configured: the resume control asks for none").isEqualTo("0");

                // 3. A commit that fails validation: told once at the top; clusters count by their own state.
                ForwarderManifest broken = ForwarderManifest.named("logs", "not-a-route").on(fleet.clusters()).image(Fleet.LOGSPOUT);
                String invalid = repo.commit(fleet.forwarder(broken), "a broken route");
                controller.syncSource("test");
                Waits.until("stalled", Duration.ofMinutes(2), () -> summary(port).path("counts").path("stalled").asInt() == CLUSTERS);
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(b -> text(b, "#source-error").contains(invalid.substring(0, 12)));
                assertThat(text(browser, "#source-error")).contains("logs.yaml:").contains("is stalled");
                assertThat(text(browser, "#summary")).contains("0 failing").contains("300 Stalled");
                assertThat(script(browser, "return String([...document.querySelectorAll('#clusters *')].filter(e => e.children.length === 0"
                        + " && e.textContent.includes('logs.yaml')).length)")).as("the problem is not repeated under every cluster").isEqualTo("0");

                // 4. At 800 px the "forwarders" header and the summary column stay inside their cells.
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
                wait.until(b -> script(b, "return String(window.innerWidth)").equals("800"));
                assertThat(script(browser, "return [...document.querySelectorAll('#clusters thead th, #clusters td.message')]"
                        + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 20)).join('|')")).isEmpty();
            } finally {
                if (browser != null) {
                    browser.quit();
                }
                controller.shutdown(Duration.ofSeconds(30));
                server.close();
            }
        }
    }

    /** Waits until the element's text starts with {@code prefix}; a timeout says what was shown instead. */
    private static void shows(WebDriver browser, String css, String prefix) throws Exception {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100)).until(b -> text(b, css).startsWith(prefix));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(css + " should start with '" + prefix + "' but shows '" + text(browser, css) + "'; updated: "
                    + text(browser, "#updated") + "; panel: " + text(browser, "#rollouts"), e);
        }
    }

    private static String name(int i) {
        return "c%03d".formatted(i);
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(RolloutTruthAtScaleBrowserTest::name).toList();
    }

    /** A second forwarder on the canary wave only, so a commit can change wave 1 and leave wave 2 alone. */
    private static ForwarderManifest canaryForwarder(String image) {
        return ForwarderManifest.named("canary-logs", "syslog+tls://canary.example.com:12345").on(names(0, 150)).image(image);
    }

    private JsonNode summary(int port) throws Exception {
        return json(port, "/api/v1/summary");
    }

    private JsonNode json(int port, String path) throws Exception {
        return ServeHarness.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
