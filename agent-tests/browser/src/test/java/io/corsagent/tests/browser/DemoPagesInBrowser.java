package io.corsagent.tests.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One demo JVM and one fresh browser per mode: the browser loads the shop's frontend (which logs alice in), then
 * the attacker's page, and the tests judge what each page could read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoPagesInBrowser {

    private DemoServer server;
    private HeadlessChromium browser;
    PageResults shopPage;
    PageResults attackerPage;

    /** Names the demo JVM's log file. */
    abstract String name();

    /** The demo JVM's options, given the demo policy rewritten for the test's page origin. */
    abstract List<String> jvmOptions(Path policy);

    @BeforeAll
    void loadBothPages() throws Exception {
        Path workDirectory = BuiltArtifacts.workDirectory();
        server = DemoServer.start(name(), pagePort -> jvmOptions(policyFor(pagePort, workDirectory)));
        browser = HeadlessChromium.start();
        shopPage = PageResults.load(browser, server.pageUrl());
        attackerPage = PageResults.load(browser, server.attackerUrl());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The demo JVM and the browser, for a test that goes on after both pages were loaded (policy-tools). */
    DemoServer server() {
        return server;
    }

    PageResults load(String url) {
        return PageResults.load(browser, url);
    }

    /** Everything the demo JVM, and the agent in it, printed. */
    String demoOutput() {
        return server.output();
    }

    void assertPage(PageResults page, Map<String, Expected> expected) {
        StringBuilder mismatches = new StringBuilder();
        if (!page.calls.keySet().equals(expected.keySet())) {
            mismatches.append("  calls on the page ").append(page.calls.keySet()).append(", expected ")
                    .append(expected.keySet()).append('\n');
        }
        expected.forEach((call, want) -> {
            PageResults.CallResult got = page.calls.get(call);
            if (got == null || !want.matches(got)) {
                mismatches.append("  ").append(call).append(": expected ").append(want).append("\n")
                        .append("  ").append(" ".repeat(call.length())).append("  but got  ").append(got)
                        .append('\n');
            }
        });
        if (mismatches.length() > 0) {
            fail(name() + ": " + page.url + " did not show what it should:\n" + mismatches + page.describe()
                    + "\ndemo JVM output (last lines):\n" + lastLines(server.output(), 40));
        }
    }

    private static Path policyFor(int pagePort, Path workDirectory) {
        try {
            return DemoPolicy.forPageOrigin("http://localhost:" + pagePort, workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
