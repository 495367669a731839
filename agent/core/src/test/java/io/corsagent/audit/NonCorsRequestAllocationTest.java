package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.corsagent.Allocations;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/**
 * A plain (non-CORS) request with a response that carries no managed header, the most common request there is,
 * from the entry hook's {@code enter} to the commit hook's {@code commitHeaders}, with the runtime's own events:
 * nothing allocated once its finding is known, in every mode. In audit and off mode that response is one enforce
 * would change (it adds {@code Vary: Origin}, or {@code Access-Control-Allow-Origin: *}), so the path measured is the
 * finding being recognised and counted, not skipped.
 */
class NonCorsRequestAllocationTest {

    private static final String VARIES_BY_ORIGIN = "allowed-origins = https://app.example.com\n"
            + "allow-credentials = true";
    private static final String ANY_ORIGIN = "allowed-origins = *\n"
            + "exposed-headers = X-Request-Id";

    private final CapturingSink sink = new CapturingSink();
    private final AgentEvents events = new AgentEvents(sink);

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"AUDIT", "OFF", "ENFORCE"})
    void aRuleThatVariesByOrigin(Mode mode) {
        long bytes = measure(VARIES_BY_ORIGIN, mode);
        assertEquals(mode == Mode.ENFORCE ? List.of() : List.of("INFO headers-would-change [top-level]: enforce would"
                + " change the CORS headers of non-CORS responses (this one 200): add Vary: Origin"), sink.lines());
        assertEquals(0, bytes);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"AUDIT", "OFF", "ENFORCE"})
    void aRuleForAnyOrigin(Mode mode) {
        long bytes = measure(ANY_ORIGIN, mode);
        assertEquals(mode == Mode.ENFORCE ? List.of() : List.of("INFO headers-would-change [top-level]: enforce would"
                + " change the CORS headers of non-CORS responses (this one 200): add Access-Control-Allow-Origin: *;"
                + " add Access-Control-Expose-Headers: X-Request-Id"), sink.lines());
        assertEquals(0, bytes);
    }

    /**
     * The usual response sets its own {@code Vary}: enforce merges {@code Origin} into it once, then hands out the
     * memoised set (it allocated 264 B per response before).
     */
    @Test
    void aResponseWithTheAppsOwnVaryInEnforce() {
        LoadResult load = PolicyLoader.parse("test.properties", VARIES_BY_ORIGIN);
        assertTrue(load.isValid(), load.errors()::toString);
        CorsPolicyEngine engine = new CorsPolicyEngine(load.policy(), Mode.ENFORCE, events);
        String[] app = {"Vary", "Accept-Encoding"};
        String[] settled = engine.enter("GET", null, null, null, null, null, 8080, "/api/orders").commitHeaders(200, app);
        assertEquals(List.of("Vary", "Accept-Encoding, Origin"), List.of(settled));
        long bytes = Allocations.perCall(() -> engine.enter("GET", null, null, null, null, null, 8080, "/api/orders")
                .commitHeaders(200, app));
        assertEquals(0, bytes);
    }

    /** @return the bytes one request allocates, after checking what the path does in the mode */
    private long measure(String policy, Mode mode) {
        LoadResult load = PolicyLoader.parse("test.properties", policy);
        assertTrue(load.isValid(), load.errors()::toString);
        CorsPolicyEngine engine = new CorsPolicyEngine(load.policy(), mode, events);
        Runnable request = () -> engine.enter("GET", null, null, null, null, null, 8080, "/api/orders")
                .commitHeaders(200, CorsBridge.NO_HEADERS);
        String[] enforced = engine.enter("GET", null, null, null, null, null, 8080, "/api/orders")
                .commitHeaders(200, CorsBridge.NO_HEADERS);
        if (mode == Mode.ENFORCE) {
            assertTrue(enforced != null && enforced.length > 0, "enforce changes the response's headers");
        } else {
            assertNull(enforced, "audit and off never change headers");
        }
        long bytes = Allocations.perCall(request);
        long occurrences = events.findingOccurrences();
        if (mode == Mode.ENFORCE) {
            assertEquals(0, occurrences);
        } else {
            assertTrue(occurrences > 64, occurrences + ": every response is counted as a repeat of its finding");
        }
        return bytes;
    }
}
