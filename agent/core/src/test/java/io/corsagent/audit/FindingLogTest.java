package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** Dedup, rate limit and summary: bounded lines and bounded memory whatever clients send. */
class FindingLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CapturingSink sink = new CapturingSink();
    private final FindingLog log = new FindingLog(sink, now::get);

    private static Finding finding(String kind) {
        return Finding.of(kind, Finding.Severity.WARN, "top-level").message("something " + kind);
    }

    @Test
    void aFindingIsLoggedOnceAndCountedAfter() {
        assertTrue(log.report("k|top-level|A", "https://a.example", () -> finding("k")));
        assertFalse(log.report("k|top-level|A", "https://b.example", () -> finding("k")));
        assertFalse(log.report("k|top-level|A", "https://c.example", () -> finding("k")));
        assertEquals(List.of("WARN k [top-level]: something k"), sink.lines());

        now.addAndGet(FindingLog.SUMMARY_MILLIS);
        assertTrue(log.summarize());
        assertEquals("INFO summary: 2 finding(s) counted, not logged, in the last 60 s: k top-level A x2 (first"
                + " origins https://a.example, https://b.example, https://c.example)", sink.lines().get(1));
        now.addAndGet(FindingLog.SUMMARY_MILLIS);
        assertFalse(log.summarize(), "nothing new: no summary line");
    }

    @Test
    void newFindingsBeyondTheRateLimitWaitForTheSummary() {
        for (int i = 0; i < 50; i++) {
            log.report("k|top-level|" + i, null, () -> finding("k"));
        }
        assertEquals(FindingLog.LINES_PER_WINDOW, sink.findings.size());
        now.addAndGet(FindingLog.SUMMARY_MILLIS);
        assertTrue(log.summarize());
        String summary = sink.lines().get(FindingLog.LINES_PER_WINDOW);
        assertTrue(summary.startsWith("INFO summary: 30 finding(s) counted, not logged, in the last 60 s (30 distinct"
                + " one(s) held back by the rate limit of 20 lines a minute): "), summary);
        assertTrue(summary.endsWith("; and 20 more"), summary);
    }

    @Test
    void distinctKeysAreBoundedByConstruction() {
        for (int i = 0; i < 10_000; i++) {
            log.report("k|top-level|" + i, null, () -> finding("k"));
        }
        assertEquals(FindingLog.MAX_KEYS, log.distinct());
        now.addAndGet(FindingLog.SUMMARY_MILLIS);
        log.summarize();
        String summary = sink.lines().get(sink.lines().size() - 1);
        assertTrue(summary.endsWith("; 9744 beyond the limit of 256 distinct findings"), summary);
    }

    /** 100,000 hostile requests with random origins and random requested headers: a handful of lines and keys. */
    @Test
    void hostileFloodWithRandomOriginsStaysBounded() {
        AgentEvents events = new AgentEvents(sink);
        CorsPolicyEngine engine = new CorsPolicyEngine(PolicyLoader.parse("p.properties", String.join("\n",
                "allowed-origins = https://app.example.com", "allowed-methods = GET, PUT",
                "allowed-headers = Content-Type", "allow-credentials = true")).policy(), Mode.AUDIT, events);
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            String origin = "https://" + Long.toHexString(random.nextLong()) + ".example";
            PolicyExchange exchange;
            if (i % 2 == 0) {
                exchange = engine.enter("OPTIONS", origin, "PUT", "x-" + Long.toHexString(random.nextLong()),
                        "http", "api.local", 80, "/api/" + i);
                exchange.commitHeaders(401, new String[0]);
            } else {
                exchange = engine.enter("GET", origin, null, null, "http", "api.local", 80, "/api/" + i);
                exchange.commitHeaders(200, new String[] {"Access-Control-Allow-Origin", origin});
            }
        }
        // A refused preflight; a reflected origin, its missing Vary, and what enforce would change.
        assertEquals(4, sink.findings.size(), sink.lines()::toString);
        assertEquals(4, events.findings());
        assertEquals(100_000 + 50_000 * 2, events.findingOccurrences());
    }
}
