package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** The signature that names a headers-would-change finding, matched without being built again, and its keys. */
class HeaderChangesTest {

    private static final String[] POLICY = {"Access-Control-Allow-Origin", "https://a.example", "Vary", "Origin"};

    @Test
    void addsReplacesAndRemovesEachNameOnce() {
        String[] app = {"vary", "Accept", "Access-Control-Max-Age", "5", "ACCESS-CONTROL-MAX-AGE", "6"};
        assertEquals("+access-control-allow-origin~vary-access-control-max-age", HeaderChanges.signature(POLICY, app));
        assertEquals(List.of("add Access-Control-Allow-Origin: https://a.example", "replace Vary: Accept with Origin",
                "remove Access-Control-Max-Age: 5, 6"), HeaderChanges.describe(POLICY, app));
    }

    @Test
    void aSignatureMatchesTheHeadersThatMadeItAndNoOthers() {
        String[] app = {"Vary", "Origin", "Access-Control-Allow-Origin", "*"};
        String signature = HeaderChanges.signature(POLICY, app);
        assertEquals("~access-control-allow-origin", signature);
        assertTrue(HeaderChanges.hasSignature(signature, POLICY, app));
        assertTrue(HeaderChanges.hasSignature(signature, POLICY,
                new String[] {"access-control-allow-origin", "x", "vary", "Origin"}), "other values, the same change");
        assertFalse(HeaderChanges.hasSignature(signature, POLICY, new String[0]), "+access-control-allow-origin+vary");
        assertFalse(HeaderChanges.hasSignature(signature, POLICY, POLICY), "nothing changes");
        assertFalse(HeaderChanges.hasSignature("~access-control-allow-origin-x", POLICY, app), "a prefix only");
        assertTrue(HeaderChanges.hasSignature("", POLICY, POLICY));
    }

    @Test
    void eachDistinctChangeOfNonCorsResponsesIsOneFindingAndRepeatsAreCounted() {
        CapturingSink sink = new CapturingSink();
        AgentEvents events = new AgentEvents(sink);
        LoadResult load = PolicyLoader.parse("test.properties", "allowed-origins = https://app.example.com");
        assertTrue(load.isValid(), load.errors()::toString);
        CorsPolicyEngine engine = new CorsPolicyEngine(load.policy(), Mode.AUDIT, events);
        String[][] responses = {{}, {"Vary", "Accept"}, {"Access-Control-Allow-Origin", "*"}, {}, {"vary", "accept"}};
        for (String[] response : responses) {
            engine.enter("GET", null, null, null, null, null, 80, "/x").commitHeaders(200, response);
        }
        String prefix = "INFO headers-would-change [top-level]: enforce would change the CORS headers of non-CORS"
                + " responses (this one 200): ";
        assertEquals(List.of(prefix + "add Vary: Origin", prefix + "replace Vary: Accept with Accept, Origin",
                prefix + "add Vary: Origin; remove Access-Control-Allow-Origin: *"), sink.lines());
        assertEquals(3, events.findings());
        assertEquals(5, events.findingOccurrences());
    }
}
