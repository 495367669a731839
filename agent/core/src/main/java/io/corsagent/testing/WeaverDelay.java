package io.corsagent.testing;

import io.corsagent.log.AgentLog;

import org.tinylog.Logger;

/**
 * TEST ONLY. {@code -Dcors-agent.test.weaver-delay-ms=<milliseconds>} holds the weaver back that long at premain, as
 * a slow machine would, so that the tests can send requests to container classes that are still
 * guarded ({@code io.corsagent.runtime.WeavingGuard}). Without the property nothing waits.
 */
public final class WeaverDelay {

    private static final String PROPERTY = TestSwitches.WEAVER_DELAY_MS;

    private WeaverDelay() {
    }

    public static void apply() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        // Said at every start: a test switch left in JAVA_OPTS must not go unnoticed in production.
        AgentLog.whenConfigured(() -> Logger.warn("the test-only switch -D{}={} is set: the classes that load at"
                + " start-up wait that much longer to be instrumented. Remove it outside tests", PROPERTY, value));
        try {
            Thread.sleep(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            AgentLog.whenConfigured(() -> Logger.warn("-D{}={} is not a number of milliseconds", PROPERTY, value));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
