package io.corsagent.tests.browser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a demo page showed once all its calls finished: for each call (the row's data-call) its data-status
 * (ok, blocked or failed) and the text the page could read. Also keeps the browser console of the page, because
 * that is where Chromium says why it blocked a call.
 */
final class PageResults {

    private static final Duration CALLS_TIMEOUT = Duration.ofSeconds(30);

    final String url;
    final Map<String, CallResult> calls;
    final String console;

    private PageResults(String url, Map<String, CallResult> calls, String console) {
        this.url = url;
        this.calls = calls;
        this.console = console;
    }

    record CallResult(String status, String detail) {
        @Override
        public String toString() {
            return status + " | " + detail;
        }
    }

    static PageResults load(HeadlessChromium browser, String url) {
        browser.driver.get(url);
        try {
            new WebDriverWait(browser.driver, CALLS_TIMEOUT).until(driver -> "true".equals(
                    driver.findElement(By.tagName("body")).getDomAttribute("data-done")));
        } catch (TimeoutException e) {
            throw new AssertionError("the page's calls did not all finish within " + CALLS_TIMEOUT + ":\n"
                    + read(browser, url).describe(), e);
        }
        return read(browser, url);
    }

    private static PageResults read(HeadlessChromium browser, String url) {
        Map<String, CallResult> calls = new LinkedHashMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("tr[data-call]"))) {
            calls.put(row.getDomAttribute("data-call"), new CallResult(row.getDomAttribute("data-status"),
                    row.findElement(By.cssSelector("td.detail")).getText()));
        }
        return new PageResults(url, calls, browser.consoleLog());
    }

    /** The statuses alone, in page order. */
    Map<String, String> statuses() {
        return calls.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status(),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** For failure messages: what the page showed, row by row, and what the console said. */
    String describe() {
        StringBuilder text = new StringBuilder("page ").append(url).append(" showed:\n");
        calls.forEach((id, result) -> text.append("  ").append(id).append(": ").append(result).append('\n'));
        return text.append("browser console:\n").append(console.isEmpty() ? "  (empty)" : console).toString();
    }
}
