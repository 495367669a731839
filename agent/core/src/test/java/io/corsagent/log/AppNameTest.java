package io.corsagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.runtime.PreciseTimestamp;

/** The {@code app} field of every JSON line: the policy's log.app, else the main class or jar. */
class AppNameTest {

    @Test
    void everyJsonLineNamesTheApp() {
        Map<String, String> context = Collections.singletonMap("app", "forged by a finding");
        LogEntry entry = new LogEntry(new PreciseTimestamp(1_500, 0), null, context, null, null, null, 0, null,
                Level.INFO, "active", null);
        assertEquals("{\"time\":\"1970-01-01T00:00:01.500Z\",\"level\":\"INFO\",\"app\":\"shop-api\",\"message\":"
                + "\"active\"}" + System.lineSeparator(), JsonLinesWriter.line(entry, "shop-api"));
    }

    @Test
    void thePolicysNameElseTheMainClassOrJar() {
        String before = System.getProperty("sun.java.command");
        try {
            assertEquals("shop-api", AppName.of("shop-api"));
            System.setProperty("sun.java.command", "/opt/shop/demo-app.jar --port 8080");
            assertEquals("demo-app.jar", AppName.of(null));
            System.setProperty("sun.java.command", "org.apache.catalina.startup.Bootstrap start");
            assertEquals("org.apache.catalina.startup.Bootstrap", AppName.of(null));
        } finally {
            if (before == null) {
                System.clearProperty("sun.java.command");
            } else {
                System.setProperty("sun.java.command", before);
            }
        }
    }
}
