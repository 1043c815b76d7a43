package dev.logship.cli;

import static dev.logship.cli.ServeHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver, installed
 * by scripts/install-test-tools.sh): it shows every cluster, and a pushed commit changes what it
 * shows without a reload. Missing browser or driver fails the test; it never skips.
 */
class StatusPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir Path tmp;

    @Test
    void thePageShowsEveryClusterAndFollowsAPushWithoutAReload() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (Debian package chromium; run scripts/install-test-tools.sh)").isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (Debian package chromium-driver)").isTrue();
        try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
            String seed = h.head();
            waitUntil("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
            WebDriver browser = chromium();
            try {
                browser.get(h.url("/").toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
                wait.until(b -> appliedRevision(b, "prod").equals(seed.substring(0, 12)));
                assertThat(script(browser, "return [...document.querySelectorAll('article.cluster')].map(e => e.dataset.cluster).join(',')"))
                        .isEqualTo("legacy,prod,staging");
                String taskDefinitionBefore = text(browser, "article[data-cluster=prod] tr[data-forwarder=papertrail]");
                assertThat(taskDefinitionBefore).contains("Synced").contains("Healthy").contains("logship-papertrail:1");

                String pushed = h.push("prod/papertrail.yaml", y -> y.replace("12345", "23456"), "route to port 23456");
                h.githubPush("refs/heads/main");
                wait.until(b -> appliedRevision(b, "prod").equals(pushed.substring(0, 12)));
                wait.until(b -> text(b, "article[data-cluster=prod] tr[data-forwarder=papertrail]").contains("logship-papertrail:2"));
                wait.until(b -> text(b, "#events").contains("route to port 23456"));
                assertThat(browser.getPageSource()).doesNotContain("papertrailapp.com:23456").doesNotContain(ServeHarness.WEBHOOK_SECRET);
            } finally {
                browser.quit();
            }
        }
    }

    private static String appliedRevision(WebDriver browser, String cluster) {
        return text(browser, "article[data-cluster=" + cluster + "] .applied-revision");
    }

    /**
     * The text of the first element matching {@code css}, read in one script call: the page
     * redraws every 2 s, so an element handle kept between two driver calls may already be gone.
     */
    private static String text(WebDriver browser, String css) {
        return script(browser, "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
    }

    private static String script(WebDriver browser, String js, Object... args) {
        Object result = ((JavascriptExecutor) browser).executeScript(js, args);
        return result == null ? "" : result.toString();
    }

    /** Debian's Chromium and driver, given explicitly so Selenium Manager never downloads anything. */
    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
