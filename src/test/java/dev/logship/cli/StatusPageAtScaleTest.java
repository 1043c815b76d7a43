package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.script;
import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.Controller;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.SourceStatus;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.Waits;
import dev.logship.web.OperatorServer;
import dev.logship.web.ServeMetrics;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The status page with 1,000 clusters in a real headless Chromium, fed by the real controller
 * and server over HTTP, observing a real local-ecs: 10 ECS clusters are missing, 5 are
 * suspended with their forwarder not created yet (both failing: Missing), 20 run a forwarder, the rest are empty. Client-side
 * pacing is off so the first sync of 1,000 clusters takes seconds, not ECS's 50 s read budget.
 * The page prints when it painted its first data (the 1 s goal is a benchmark figure), must show counts, list failing clusters first, draw
 * one page of rows (not 1,000) and filter by label and state. The screenshot goes to
 * target/screenshots/status-page-1000.png.
 */
class StatusPageAtScaleTest {
    private static final int CLUSTERS = 1000;

    @TempDir Path tmp;

    @Test
    void aThousandClustersPaintFailingFirstOnePageAtATime() throws Exception {
        Path manifests = writeFleet(tmp.resolve("fleet"));
        LocalEcsConfig.Builder ecsConfig = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        IntStream.range(0, CLUSTERS).filter(i -> !missing(i)).forEach(i -> ecsConfig.cluster(ecsName(i), 1));
        try (LocalEcsServer ecs = LocalEcsServer.start(ecsConfig.build());
                AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), RateLimits.off(), 3))) {
            ServeMetrics metrics = new ServeMetrics();
            Controller controller = new Controller(new DirectoryManifestSource(manifests),
                    SourceStatus.notFetched(manifests.toString(), null, null), new ClusterSynchronizer(gateways),
                    ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10)), metrics);
            OperatorServer server = new OperatorServer(controller,
                    new WebhookVerifier(WebhookSettings.signed("unused-secret", manifests.toString(), () -> null)),
                    dev.logship.web.ApiAccess.of(null, false, null), metrics);
            try {
                server.start("127.0.0.1", 0);
                controller.start();
                Waits.until("every cluster was synced once", Duration.ofMinutes(3), () -> {
                    assertThat(controller.status().source().error()).as("the generated fleet is valid").isNull();
                    return controller.status().ready();
                });
                String page = "http://127.0.0.1:" + server.port() + "/";
                long statusBytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page + "api/v1/status")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body().length;
                // What the page reads (one read each, as the status read above was for the page before them)
                long pageBytes = 0;
                for (String read : List.of("api/v1/summary", "api/v1/clusters?page=1&size=50", "api/v1/rollouts?clusters=none",
                        "api/v1/events?limit=30")) {
                    pageBytes += HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page + read)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body().length;
                }

                WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1400, 1000);
                try {
                    browser.get(page);
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(20));
                    wait.until(b -> !script(b, "return String(performance.getEntriesByName('logship-rendered').length)").equals("0"));
                    double rendered = Double.parseDouble(script(browser, "return String(performance.getEntriesByName('logship-rendered')[0].startTime)"));
                    String firstPaint = script(browser, "const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');"
                            + " return p ? String(p.startTime) : 'none'");
                    System.out.printf("status page, %d clusters: first contentful paint %s ms, first data drawn %.0f ms after navigation"
                            + " (the page's reads %d KiB; the whole status JSON %d KiB)%n", CLUSTERS, firstPaint, rendered, pageBytes / 1024,
                            statusBytes / 1024);
                    // The 1 s paint goal is a figure for BENCHMARKS.md (printed above), not a timed assertion:
                    // on a loaded machine it measures the machine.

                    // Synced is not yet Healthy: a cluster whose tasks were still starting when it was applied shows
                    // Progressing until its recheck, and the page follows the status without a reload
                    wait.until(b -> text(b, "#summary").contains("985 Healthy"));
                    assertThat(text(browser, "#summary")).contains("1000 clusters").contains("15 failing").contains("15 Missing")
                            .contains("985 Synced").contains("15 OutOfSync").contains("985 Healthy");
                    assertThat(count(browser, "tbody.cluster")).as("rows drawn: one page, never 1,000").isEqualTo(50);
                    assertThat(count(browser, "tr.details")).as("details drawn only when opened").isZero();
                    assertThat(text(browser, "#pager")).contains("1–50 of 1000");
                    // The rollout panel counts a wave of 1,000 and names at most 20 of its clusters.
                    wait.until(b -> text(b, ".rollout-waves li[data-wave='1']").startsWith("wave 1 (all): 1000 clusters ("));
                    assertThat(count(browser, ".rollout-waves .cluster-phase")).as("clusters named in the rollout panel").isLessThanOrEqualTo(20);
                    List<String> missingNames = IntStream.range(0, CLUSTERS).filter(StatusPageAtScaleTest::missing).mapToObj(StatusPageAtScaleTest::name).toList();
                    assertThat(script(browser, "return [...document.querySelectorAll('tbody.cluster')].slice(0, 10).map(e => e.dataset.cluster).join(',')"))
                            .as("failing clusters first").isEqualTo(String.join(",", missingNames));
                    assertThat(text(browser, "tbody.cluster")).contains("Missing");
                    screenshot(browser, "status-page-1000.png");

                    browser.findElement(By.id("filter")).sendKeys("env=staging team-3");
                    wait.until(b -> text(b, "#pager").contains("filtered from 1000"));
                    long staging = IntStream.range(0, CLUSTERS).filter(i -> i % 3 == 1 && i % 7 == 3).count();
                    assertThat(text(browser, "#pager")).contains("of " + staging + " (filtered from 1000)");
                    assertThat(script(browser, "return [...document.querySelectorAll('tbody.cluster .labels')].every(e =>"
                            + " e.innerText.includes('env=staging') && e.innerText.includes('team=team-3'))")).isEqualTo("true");

                    browser.findElement(By.id("filter")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
                    HeadlessChromium.click(browser, "#summary button[data-state=failing]");
                    wait.until(b -> count(b, "tbody.cluster") == 15);
                    assertThat(script(browser, "return [...document.querySelectorAll('tbody.cluster')].slice(10).map(e => e.dataset.cluster).join(',')"))
                            .as("then the suspended clusters whose forwarder is missing").isEqualTo("c0020,c0021,c0022,c0023,c0024");
                    assertThat(text(browser, "#clusters")).doesNotContain("Healthy");
                    assertThat(browser.getCurrentUrl()).endsWith("#state=failing");
                    screenshot(browser, "status-page-1000-failing.png");
                } finally {
                    browser.quit();
                }
            } finally {
                controller.shutdown(Duration.ofSeconds(30));
                server.close();
            }
        }
    }

    private static int count(WebDriver browser, String css) {
        return Integer.parseInt(script(browser, "return String(document.querySelectorAll(arguments[0]).length)", css));
    }

    private static void screenshot(WebDriver browser, String file) throws Exception {
        Path target = Path.of("target/screenshots").resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static boolean missing(int i) {
        return i % 100 == 50;
    }

    private static boolean suspended(int i) {
        return i >= 20 && i < 25;
    }

    private static String name(int i) {
        return "c%04d".formatted(i);
    }

    private static String ecsName(int i) {
        return "ecs-" + name(i);
    }

    /** One directory per cluster; the first 25 also run a forwarder (5 of them suspended). */
    private static Path writeFleet(Path root) {
        Fleet fleet = Fleet.create();
        for (int i = 0; i < CLUSTERS; i++) {
            fleet.cluster(name(i) + "/cluster.yaml", ClusterManifest.named(name(i)).label("env", List.of("prod", "staging", "dev").get(i % 3))
                    .label("team", "team-" + i % 7).clusterName(ecsName(i)).suspend(suspended(i)));
        }
        List<String> first25 = IntStream.range(0, 25).mapToObj(StatusPageAtScaleTest::name).toList();
        fleet.forwarder("papertrail.yaml", ForwarderManifest.named("papertrail", "syslog+tls://logs3.papertrailapp.com:12345").on(first25));
        fleet.writeTo(root);
        return root;
    }
}
