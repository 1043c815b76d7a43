package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.script;
import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver, installed
 * by scripts/install-test-tools.sh): it shows every cluster, and a pushed commit changes what it
 * shows without a reload. Missing browser or driver fails the test; it never skips.
 */
class StatusPageBrowserTest {
    @TempDir Path tmp;

    @Test
    void thePageShowsEveryClusterAndFollowsAPushWithoutAReload() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
            try {
                browser.get(h.url("/").toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
                wait.until(b -> appliedRevision(b, "prod").equals(seed.substring(0, 12)));
                // Worst first, then by name: waited for, since the other clusters may still be settling when prod is applied.
                wait.until(b -> script(b, "return [...document.querySelectorAll('tbody.cluster')].map(e => e.dataset.cluster).join(',')")
                        .equals("legacy,managed,prod,staging"));
                String taskDefinitionBefore = text(browser, "tbody[data-cluster=prod] tr[data-forwarder=papertrail]");
                assertThat(taskDefinitionBefore).contains("Synced").contains("Healthy").contains("logship-papertrail:1");

                String pushed = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "route to port 23456");
                h.githubPush("refs/heads/main");
                wait.until(b -> appliedRevision(b, "prod").equals(pushed.substring(0, 12)));
                wait.until(b -> text(b, "tbody[data-cluster=prod] tr[data-forwarder=papertrail]").contains("logship-papertrail:2"));
                wait.until(b -> text(b, "#events").contains("route to port 23456"));
                assertThat(browser.getPageSource()).doesNotContain("papertrailapp.com:23456").doesNotContain(ServeHarness.WEBHOOK_SECRET);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aStalledCommitShowsThatEcsIsOnTheOlderCommitNotSynced() throws Exception {
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            String bad = h.push("prod/fluent-bit.yaml", y -> y.replace("memory: 128", "memory: lots"), "typo in memory");
            h.githubPush("refs/heads/main");
            Waits.until("prod is stalled on the bad commit", Duration.ofSeconds(20),
                    () -> h.cluster("prod").path("summary").asText().startsWith("Stalled"));
            assertThat(h.cluster("prod").path("summary").asText())
                    .isEqualTo("Stalled: ECS is on the older commit " + seed.substring(0, 12) + " (Synced, Healthy); the newest commit "
                            + bad.substring(0, 12) + " failed validation, so nothing of it is applied.");
            WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
            try {
                browser.get(h.url("/").toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
                wait.until(b -> !text(b, "tbody[data-cluster=prod] td.state").isEmpty());
                String state = text(browser, "tbody[data-cluster=prod] td.state");
                assertThat(state).contains("Stalled").contains("ECS on older commit " + seed.substring(0, 12)).doesNotContain("Synced");
                assertThat(text(browser, "tbody[data-cluster=prod] tr.row")).contains("newest " + bad.substring(0, 12));
                assertThat(text(browser, "#source-error")).contains("ValidationFailed").contains("prod/fluent-bit.yaml:");
            } finally {
                browser.quit();
            }
        }
    }

    private static String appliedRevision(WebDriver browser, String cluster) {
        return text(browser, "tbody[data-cluster=" + cluster + "] .applied-revision");
    }
}
