package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and driver (installed by scripts/install-test-tools.sh), given explicitly so
 * Selenium Manager never downloads anything. A missing browser fails the test; it never skips.
 */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    static WebDriver start(Path profile, int width, int height) {
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (Debian package chromium; run scripts/install-test-tools.sh)").isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (Debian package chromium-driver)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * The text of the first element matching {@code css}, read in one script call: the page
     * redraws every 2 s, so an element handle kept between two driver calls may already be gone.
     */
    static String text(WebDriver browser, String css) {
        return script(browser, "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
    }

    /**
     * Clicks the element matching {@code css} as a user would click whatever is on screen: when
     * a redraw replaced it between finding and clicking, it finds the new one and clicks that.
     */
    static void click(WebDriver browser, String css) {
        new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(20))
                .ignoring(StaleElementReferenceException.class)
                .until(b -> {
                    b.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    static String script(WebDriver browser, String js, Object... args) {
        Object result = ((JavascriptExecutor) browser).executeScript(js, args);
        return result == null ? "" : result.toString();
    }
}
