package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.script;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A cluster's rollout history on the status page (history.js) in a real headless Chromium
 * against serve (in-process), local-ecs over HTTP and real pushes: after the seed's rollout and a
 * crash-looping commit rolled back in the canary, c01's opened details list both runs newest
 * first with commit, wave, outcome and the task definitions the API reports, and keep them
 * across the table's 2-second redraws.
 */
class HistoryPageBrowserTest {
    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOpenedClusterShowsItsRolloutsNewestFirstWithOutcomeAndTaskDefinitions() throws Exception {
        Fleet fleet = CanaryThenMain.fleet("m01");
        try (ServeHarness h = ServeHarness.with(tmp).manifests(fleet).start()) {
            int port = h.operator.port();
            String seed = CanaryThenMain.seedRolledOut(h);
            String bad = CanaryThenMain.crashLoopingImage(h, fleet);
            assertThat(h.githubPush("refs/heads/main", bad).statusCode()).isEqualTo(202);
            Waits.until("c01's bad run recorded as rolled back", Duration.ofSeconds(90), () -> {
                JsonNode runs = history(port, "c01").path("runs");
                return runs.size() == 2 && runs.get(0).path("outcome").asText().equals("ROLLED_BACK");
            });
            JsonNode runs = history(port, "c01").path("runs");

            WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                // Two clusters: the page opens every cluster's details, so both fetch their history.
                String c01 = "[data-history=c01] tr.history-run";
                wait.until(b -> count(b, c01) == 2);
                assertThat(text(browser, c01 + ":nth-child(1) .history-commit")).isEqualTo(bad.substring(0, 12));
                assertThat(text(browser, c01 + ":nth-child(1) .outcome")).isEqualTo("ROLLED_BACK");
                assertThat(text(browser, c01 + ":nth-child(1) .history-wave")).isEqualTo("1");
                assertThat(text(browser, c01 + ":nth-child(1) .history-taskdefs"))
                        .isEqualTo(runs.get(0).path("taskDefinitions").get(0).asText()).isNotBlank();
                assertThat(text(browser, c01 + ":nth-child(2) .history-commit")).isEqualTo(seed.substring(0, 12));
                assertThat(text(browser, c01 + ":nth-child(2) .outcome")).isEqualTo("SUCCEEDED");
                assertThat(text(browser, c01 + ":nth-child(2) .history-taskdefs"))
                        .isEqualTo(runs.get(1).path("taskDefinitions").get(0).asText())
                        .isNotEqualTo(text(browser, c01 + ":nth-child(1) .history-taskdefs"));
                assertThat(text(browser, "[data-history=c01]")).contains("last Healthy commit " + seed.substring(0, 12));
                // m01 (wave 2) was never started on the bad commit: only the seed's run.
                wait.until(b -> count(b, "[data-history=m01] tr.history-run") == 1);
                assertThat(text(browser, "[data-history=m01] .outcome")).isEqualTo("SUCCEEDED");
                assertThat(text(browser, "[data-history=m01] .history-wave")).isEqualTo("2");

                // app.js rebuilds the table every 2 s; the history must be there after a redraw too.
                String marked = script(browser, "const d = document.querySelector('[data-history=c01]'); d.dataset.seen = '1'; return 'ok';");
                assertThat(marked).isEqualTo("ok");
                wait.until(b -> count(b, "[data-history=c01][data-seen]") == 0 && count(b, c01) == 2);
                assertThat(text(browser, c01 + ":nth-child(1) .outcome")).isEqualTo("ROLLED_BACK");
            } finally {
                browser.quit();
            }
        }
    }

    private static long count(WebDriver browser, String css) {
        return Long.parseLong(script(browser, "return String(document.querySelectorAll(arguments[0]).length);", css));
    }

    private JsonNode history(int port, String cluster) throws Exception {
        return ServeHarness.JSON.readTree(get(port, "/api/v1/clusters/" + cluster + "/history"));
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode rollout(int port) throws Exception {
        return ServeHarness.JSON.readTree(get(port, "/api/v1/rollouts")).path("rollouts").path(0);
    }
}
