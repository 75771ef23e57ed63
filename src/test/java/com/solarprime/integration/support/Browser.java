package com.solarprime.integration.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for page tests, driven by the chromedriver of Debian's {@code chromium-driver}
 * package (Selenium Manager would try to download one; this machine has no internet for that).
 * Without Chromium the test is skipped with a message, unless {@code CI} is set: there it must run.
 * Screenshots land in {@code target/screenshots}, kept as build artifacts.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://localhost:" + port;
    }

    /** Opens a fresh browser (no cookies) on the service at {@code port}. */
    public static Browser open(int port) {
        Optional<String> chromium = firstExisting(System.getenv("CHROMIUM_BINARY"), CHROMIUM);
        Optional<String> chromedriver = firstExisting(System.getenv("CHROMEDRIVER"), DRIVER);
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = "browser tests need Chromium and its driver (apt-get install -y chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                Assertions.fail(missing + "; CI is set, so they may not be skipped");
            }
            Assumptions.abort("Skipped: " + missing);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--lang=pt-BR", "--window-size=1360,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver.get()).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1360, 900));
        return new Browser(driver, port);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebElement find(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Clicks as a person would: scrolled to the middle of the window first, so a sticky header or footer never lies on
     * top of it (Chrome scrolls an element just to the window's edge, where the click can land on the header).
     */
    public void click(WebElement element) {
        scrollToCentre(element);
        await().until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /**
     * Scrolls at once, not smoothly: Bootstrap sets {@code scroll-behavior: smooth}, and an animated scroll is still
     * moving the element when the click is placed, so the click lands off it or outside the window.
     */
    public void scrollToCentre(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});",
                element);
    }

    public void click(By by) {
        click(find(by));
    }

    public WebDriverWait await() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Fills the console's login form as a person would. */
    public Browser logIn(String user, String password) {
        go("/ops/login");
        find(By.name("username")).sendKeys(user);
        find(By.name("password")).sendKeys(password);
        find(By.cssSelector("button[type=submit]")).click();
        return this;
    }

    /**
     * Sends HTTP basic credentials with every request of this browser from now on, its pages' scripts included, as
     * a browser does once a person answered its login dialog (headless Chromium shows none): through the DevTools
     * protocol, which chromedriver relays without Selenium's version-bound DevTools artifacts.
     */
    public Browser withBasicAuth(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
        return this;
    }

    /** Saves the whole window as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<String> firstExisting(String configured, List<String> candidates) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured).filter(p -> Files.isExecutable(Path.of(p)));
        }
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }
}
