package io.corsagent.tests.appservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.corsagent.tests.attach.AttachCli;
import io.corsagent.tests.containers.StatusProperty;

/**
 * What the agent says about itself in a server JVM: {@code cors-agent status <pid>} as an operator runs it, and the
 * published status property, whose {@code guarding} field names each hook woven with the requests it has seen
 * ({@code undertow (3 classes, 15 requests)}).
 */
final class GuardStatus {

    private GuardStatus() {
    }

    /** {@code status} exits 0 and says the agent guards the server through its entry hook, in enforce mode. */
    static void assertGuardingThrough(long pid, String entryHook) {
        AttachCli.Run status = AttachCli.run("status", Long.toString(pid));
        Map<String, String> fields = status.fields();
        assertEquals("active", fields.get("state"), status::toString);
        assertEquals("none", fields.get("reason"), status::toString);
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("enforce", fields.get("mode"), status::toString);
        assertEquals("0", fields.get("errors"), status::toString);
        assertTrue(fields.get("guarding").contains(entryHook + " ("), status::toString);
    }

    /**
     * The counters before a request, to compare with {@link #awaitOneMorePreflightAnswered}: once two reads a refresh
     * apart agree, since the status is published every second and may not count the requests just before yet.
     */
    static Map<String, String> read(long pid) throws Exception {
        Map<String, String> previous = StatusProperty.read(pid);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(1_200);
            Map<String, String> current = StatusProperty.read(pid);
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /**
     * Waits until the status (refreshed every second) counts exactly one more preflight answered than
     * {@code before}, and one more request seen by the entry hook.
     */
    static void awaitOneMorePreflightAnswered(long pid, String entryHook, Map<String, String> before)
            throws Exception {
        long answered = Long.parseLong(before.get("preflights-answered")) + 1;
        long seen = requestsSeen(before, entryHook) + 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, String> status;
        do {
            status = StatusProperty.read(pid);
            if (Long.parseLong(status.get("preflights-answered")) == answered && requestsSeen(status, entryHook) == seen) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected preflights-answered=" + answered + " and " + entryHook + " with " + seen
                + " requests; status: " + status);
    }

    private static long requestsSeen(Map<String, String> status, String entryHook) {
        Matcher hook = Pattern.compile(Pattern.quote(entryHook) + " \\(\\d+ class(?:es)?, (\\d+) requests\\)")
                .matcher(status.getOrDefault("guarding", ""));
        return hook.find() ? Long.parseLong(hook.group(1)) : -1;
    }
}
