package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and driver (installed by scripts/install-test-tools.sh), given explicitly so
 * Selenium Manager never downloads anything. A missing browser fails the test; it never skips.
 * One browser per test JVM, a new tab per test.
 */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** The one browser of this test JVM (started by the first test that asks, quit when the JVM exits). */
    private static WebDriver shared;

    /**
     * A fresh tab of this JVM's one Chromium, at {@code width} x {@code height}; the test's
     * {@code quit()} closes only its tab. Starting a Chromium per test cost a few seconds of CPU
     * each; a tab is as isolated as these tests need: each test serves the page on its own port,
     * so cookies, storage and cache (kept per origin) are its own. {@code profile} is not used:
     * the shared browser's profile outlives any one test's temporary directory.
     */
    static synchronized WebDriver start(Path profile, int width, int height) {
        if (shared == null) {
            shared = launch();
            WebDriver browser = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(browser::quit));
        }
        shared.switchTo().newWindow(WindowType.TAB);
        shared.manage().window().setSize(new Dimension(width, height));
        return tab(shared, shared.getWindowHandle());
    }

    private static WebDriver launch() {
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (Debian package chromium; run scripts/install-test-tools.sh)").isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (Debian package chromium-driver)").isTrue();
        Path profile;
        try {
            profile = Files.createTempDirectory("logship-chromium-profile");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        // the first tab stays open and blank, so closing a test's tab never ends the browser's session
        return new ChromeDriver(service, options);
    }

    /** The browser as one test sees it: {@code quit()} closes the test's tab and goes back to the blank first tab. */
    private static WebDriver tab(WebDriver browser, String handle) {
        return (WebDriver) Proxy.newProxyInstance(HeadlessChromium.class.getClassLoader(),
                new Class<?>[] {WebDriver.class, JavascriptExecutor.class, TakesScreenshot.class, HasCapabilities.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("quit") && method.getParameterCount() == 0) {
                        synchronized (HeadlessChromium.class) {
                            browser.switchTo().window(handle).close();
                            browser.switchTo().window(browser.getWindowHandles().iterator().next());
                        }
                        return null;
                    }
                    try {
                        return method.invoke(browser, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
