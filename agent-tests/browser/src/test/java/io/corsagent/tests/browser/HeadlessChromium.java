package io.corsagent.tests.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its chromedriver, both given by path (Selenium Manager cannot download
 * anything here). A fresh profile each time: no preflight cache, no cookies from an earlier run.
 */
final class HeadlessChromium implements AutoCloseable {

    /**
     * Selenium warns when its bundled DevTools protocol versions lag Chromium's. The test reads results from the
     * page, never through DevTools, so the warning is noise. Held here: java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("cors-agent-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BuiltArtifacts.chromium().toFile());
        // Chromium as root in a container: no sandbox, no GPU; nothing that reaches out to the network by itself.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BuiltArtifacts.chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** The console messages so far (Chromium logs each CORS refusal with its reason there). */
    String consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> "  " + entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
