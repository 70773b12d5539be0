package io.tributary.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tributary.gateway.GatewayApplication;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives the UI in headless Chromium against {@link FakeTributaryApi}. Skipped when Chromium or
 * its driver is missing, except under {@code CI=true}, where that is a failure.
 */
class UiBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static FakeTributaryApi api;
    private static ConfigurableApplicationContext ui;
    private static ConfigurableApplicationContext gateway;
    private static String gatewayOrigin;
    private static WebDriver browser;
    private static Path profile;
    private static String origin;

    @BeforeAll
    static void start() throws Exception {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String message = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message + "; skipping the browser test");
        }
        api = new FakeTributaryApi();
        ui = UiApplication.builder().run(
                "--server.port=0",
                "--tributary.ui.api-url=" + api.url(),
                "--tributary.ui.refresh-interval=500ms");
        origin = "http://127.0.0.1:" + ((WebServerApplicationContext) ui).getWebServer().getPort();
        // The gateway in the same JVM, as the cluster runs them.
        gateway = GatewayApplication.builder().run(
                "--server.port=0",
                "--tributary.gateway.api-url=" + api.url(),
                "--tributary.gateway.ui-url=" + origin);
        gatewayOrigin = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();

        profile = Files.createTempDirectory("tributary-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (ui != null) {
            ui.close();
        }
        if (api != null) {
            api.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** What the browser showed, for whoever reads a failed build. */
    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(test.getTestMethod().orElseThrow().getName() + ".png"), png);
    }

    @BeforeEach
    void openEditor() {
        browser.get(origin + "/");
        waitFor(driver -> driver.findElements(By.cssSelector("#sql textarea")).size() == 1);
    }

    @Test
    void validateShowsEachDiagnosticWithItsLineAndMarksTheLine() {
        typeSql("SELECT user, count(*)\nFROMM clicks\nGROUP BY user");
        click("validate");

        WebElement diagnostic = waitFor(driver -> first(driver, "#diagnostics li.diagnostic"));
        assertThat(diagnostic.getText()).isEqualTo("2:1 Encountered \"FROMM\": expected FROM");
        List<WebElement> marked = browser.findElements(By.cssSelector("#sql-listing .sql-line-error"));
        assertThat(marked).singleElement().satisfies(line -> {
            assertThat(line.getDomAttribute("data-line")).isEqualTo("2");
            assertThat(line.getText()).contains("FROMM clicks");
        });
        assertThat(browser.findElement(By.id("sql")).getDomAttribute("invalid")).isNotNull();
    }

    @Test
    void validateShowsTheOperatorGraphOfAValidQuery() {
        typeSql("SELECT user, count(*) FROM clicks GROUP BY user");
        click("validate");

        waitFor(driver -> cellTexts(driver, "graph-nodes").contains("count(*) group by user"));
        assertThat(cellTexts(browser, "graph-nodes")).contains("source", "kafka source clicks", "aggregate");
        assertThat(cellTexts(browser, "graph-edges")).contains("1 → 2", "shuffle");
        assertThat(browser.findElements(By.cssSelector("#diagnostics li"))).isEmpty();
    }

    @Test
    void previewAppendsRowsToTheGridAsTheyArrive() {
        api.holdOutput();
        typeSql("SELECT user, clicks FROM clicks");
        click("preview-button");

        waitFor(driver -> cellTexts(driver, "preview-grid").containsAll(List.of("alice", "bob")));
        assertThat(cellTexts(browser, "preview-grid")).contains("user", "clicks", "3", "5").doesNotContain("carol");
        assertThat(browser.findElement(By.id("preview-status")).getText()).isEqualTo("Previewing: 2 rows");

        api.releaseMoreOutput();

        waitFor(driver -> cellTexts(driver, "preview-grid").containsAll(List.of("carol", "region", "eu")));
        waitFor(driver -> driver.findElement(By.id("preview-status")).getText().equals("Preview ended: 3 rows"));
        assertThat(api.requestsTo("POST", "/api/v1/pipelines/preview")).isNotEmpty();
    }

    @Test
    void startListsThePipelineWithItsStateAndStopAsksForACheckpoint() {
        typeSql("INSERT INTO counts SELECT user, count(*) FROM clicks GROUP BY user");
        type(browser.findElement(By.cssSelector("#pipeline-name input")), "clicks-per-user");
        type(browser.findElement(By.cssSelector("#parallelism input")), "2");
        click("start");

        waitFor(driver -> driver.getCurrentUrl().endsWith("/pipelines"));
        waitFor(driver -> cellTexts(driver, "pipelines").contains("clicks-per-user"));
        String id = api.pipelineNamed("clicks-per-user").orElseThrow().id();
        assertThat(cellTexts(browser, "pipelines")).contains(id, "2", "Running");
        assertThat(api.requestsTo("POST", "/api/v1/pipelines"))
                .filteredOn(request -> request.body().contains("\"name\":\"clicks-per-user\""))
                .singleElement()
                .satisfies(request -> assertThat(request.body()).contains("\"parallelism\":2", "INSERT INTO counts"));

        click("stop-" + id);

        waitFor(driver -> !api.requestsTo("PATCH", "/api/v1/pipelines/" + id).isEmpty());
        assertThat(api.requestsTo("PATCH", "/api/v1/pipelines/" + id)).singleElement()
                .satisfies(request -> assertThat(request.body()).isEqualTo("{\"stop\":\"checkpoint\"}"));
        waitFor(driver -> cellTexts(driver, "pipelines").contains("Stopped"));
    }

    @Test
    void theUiWorksThroughTheGatewayIncludingPushedRows() {
        api.holdOutput();
        browser.get(gatewayOrigin + "/");
        waitFor(driver -> driver.findElements(By.cssSelector("#sql textarea")).size() == 1);
        typeSql("SELECT user, clicks FROM clicks");
        click("preview-button");

        waitFor(driver -> cellTexts(driver, "preview-grid").containsAll(List.of("alice", "bob")));
        api.releaseMoreOutput();

        waitFor(driver -> cellTexts(driver, "preview-grid").contains("carol"));
        waitFor(driver -> driver.findElement(By.id("preview-status")).getText().equals("Preview ended: 3 rows"));
        assertThat(browser.getCurrentUrl()).startsWith(gatewayOrigin);
    }

    @Test
    void aRefusedStopIsShownAndCanBeRetried() {
        typeSql("SELECT 1");
        type(browser.findElement(By.cssSelector("#pipeline-name input")), FakeTributaryApi.UNSTOPPABLE_NAME);
        click("start");
        waitFor(driver -> cellTexts(driver, "pipelines").contains(FakeTributaryApi.UNSTOPPABLE_NAME));
        String id = api.pipelineNamed(FakeTributaryApi.UNSTOPPABLE_NAME).orElseThrow().id();

        click("stop-" + id);

        WebElement notification = waitFor(driver -> notificationContaining(driver, "still being scheduled"));
        assertThat(notification.getText())
                .isEqualTo("Stopping unstoppable: the job is still being scheduled; stop it once it runs");
        waitFor(driver -> driver.findElement(By.id("stop-" + id)).getDomAttribute("disabled") == null);
        assertThat(cellTexts(browser, "pipelines")).contains("Running");
    }

    @Test
    void anApiErrorIsShownWithTheServersMessage() {
        typeSql("SELECT 1");
        type(browser.findElement(By.cssSelector("#pipeline-name input")), FakeTributaryApi.TAKEN_NAME);
        click("start");

        WebElement notification = waitFor(driver -> notificationContaining(driver, "already exists"));
        assertThat(notification.getText()).isEqualTo("Starting taken: a pipeline named 'taken' already exists");
        assertThat(browser.getCurrentUrl()).doesNotEndWith("/pipelines");
    }

    private static void typeSql(String sql) {
        type(browser.findElement(By.cssSelector("#sql textarea")), sql);
    }

    private static void type(WebElement input, String text) {
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static void click(String id) {
        waitFor(driver -> {
            try {
                WebElement button = driver.findElement(By.id(id));
                if (!button.isEnabled() || button.getDomAttribute("disabled") != null) {
                    return null;
                }
                button.click();
                return true;
            } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
    }

    /** The texts of a grid's cells (headers included), in document order. */
    private static List<String> cellTexts(WebDriver driver, String gridId) {
        try {
            return driver.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content")).stream()
                    .map(WebElement::getText)
                    .map(String::strip)
                    .toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    private static WebElement notificationContaining(WebDriver driver, String text) {
        return driver.findElements(By.tagName("vaadin-notification-card")).stream()
                .filter(card -> card.getText().contains(text))
                .findFirst()
                .orElse(null);
    }

    private static WebElement first(WebDriver driver, String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.getFirst();
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }
}
