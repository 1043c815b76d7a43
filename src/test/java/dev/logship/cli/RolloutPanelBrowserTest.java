package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rollout panel in a real headless Chromium against serve (in-process), local-ecs over HTTP
 * and real pushes: a crash-looping image halts the rollout in wave 1; the panel shows the wave,
 * the counts, why it halted, and a resume control that refuses a wrong API token and resumes
 * with the right one. The rollout metrics say the same in /metrics.
 */
class RolloutPanelBrowserTest {
    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHaltedRolloutShowsItsWaveCountsAndReasonAndResumesOnlyWithTheApiToken() throws Exception {
        Fleet fleet = CanaryThenMain.fleet("m01", "m02");
        try (ServeHarness h = ServeHarness.with(tmp).manifests(fleet).start()) {
            int port = h.operator.port();
            CanaryThenMain.seedRolledOut(h);

            String bad = CanaryThenMain.crashLoopingImage(h, fleet);
            assertThat(h.githubPush("refs/heads/main", bad).statusCode()).isEqualTo(202);
            Waits.until("c01 rolled back and the rollout halted", Duration.ofSeconds(90), () -> {
                JsonNode r = rollout(port);
                return r.path("commit").asText().equals(bad) && r.path("state").asText().equals("HALTED")
                        && r.path("counts").path("rolledBack").asInt() == 1;
            });

            WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                wait.until(b -> !text(b, ".rollout[data-state=HALTED]").isEmpty());
                String panel = text(browser, "#rollouts");
                assertThat(panel).contains("HALTED").contains("policy rings").contains("commit " + bad.substring(0, 12));
                assertThat(text(browser, ".rollout .rollout-wave")).isEqualTo("wave 1 of 2 (canary)");
                // m01 and m02 differ from the commit and wait for a resume: held, and the table says the same
                assertThat(text(browser, ".phase-count[data-state=held]")).isEqualTo("held 2");
                assertThat(text(browser, ".phase-count[data-state=rolledBack]")).isEqualTo("rolled back 1");
                assertThat(text(browser, ".rollout-counts")).doesNotContain("done");
                assertThat(text(browser, ".halt-reason")).startsWith("halted: cluster c01 went Degraded in wave 1 (canary)");
                assertThat(text(browser, ".rollout-waves li[data-wave='1']")).isEqualTo("wave 1 (canary): c01 rolled back");
                assertThat(text(browser, ".rollout-waves li[data-wave='2']")).isEqualTo("wave 2 (main): m01 held m02 held");
                wait.until(b -> text(b, "tbody[data-cluster=m01] td.state").startsWith("Held"));

                browser.findElement(By.cssSelector("form.resume input[name=token]")).sendKeys("not-the-token");
                HeadlessChromium.click(browser, "form.resume button");
                wait.until(b -> text(b, "#rollout-action").equals("the API token was refused"));
                assertThat(rollout(port).path("state").asText()).isEqualTo("HALTED");
                assertThat(get(port, "/api/v1/events")).doesNotContain("\"Resumed\"");

                browser.findElement(By.cssSelector("form.resume input[name=token]")).clear();
                browser.findElement(By.cssSelector("form.resume input[name=token]")).sendKeys(ServeHarness.API_TOKEN);
                HeadlessChromium.click(browser, "form.resume button");
                wait.until(b -> text(b, "#rollout-action").equals("resumed"));
                Waits.until("the Resumed event", Duration.ofSeconds(10), () -> get(port, "/api/v1/events").contains("\"Resumed\""));
                assertThat(browser.getPageSource()).doesNotContain(ServeHarness.API_TOKEN);
            } finally {
                browser.quit();
            }
            // The resumed rollout tries c01 again and halts again; the metrics count both halts.
            Waits.until("halted again", Duration.ofSeconds(90), () -> metric(get(port, "/metrics"), "logship_rollout_halts_total", "") == 2
                    && rollout(port).path("state").asText().equals("HALTED"));
            Waits.until("c01 rolled back again", Duration.ofSeconds(90), () -> rollout(port).path("counts").path("rolledBack").asInt() == 1);
            String metrics = get(port, "/metrics");
            assertThat(metric(metrics, "logship_rollout_clusters", "phase=\"pending\",policy=\"rings\"")).isEqualTo(2);
            assertThat(metric(metrics, "logship_rollout_clusters", "phase=\"rolledBack\",policy=\"rings\"")).isEqualTo(1);
            assertThat(metric(metrics, "logship_rollout_clusters", "phase=\"done\",policy=\"rings\"")).isEqualTo(0);
            assertThat(metric(metrics, "logship_rollout_wave", "policy=\"rings\"")).isEqualTo(1);
            assertThat(metric(metrics, "logship_rollout_halted", "policy=\"rings\"")).isEqualTo(1);
        }
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode rollout(int port) throws Exception {
        return ServeHarness.JSON.readTree(get(port, "/api/v1/rollouts")).path("rollouts").path(0);
    }

    /** The value of a Prometheus sample whose labels are exactly {@code labels} (sorted, as Micrometer writes them). */
    static double metric(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{" + Pattern.quote(labels) + ",?\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }
}
