package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/**
 * The gate of the filter-chain advice counts exactly the requests whose chain the audit still follows: from the
 * engine's decision until the response was judged, and a response committed while a filter runs only once that
 * filter returned. Other tests in this JVM may leave exchanges counted, so each case compares the count before and after.
 */
class FollowedChainsTest {

    private static final String APP = "https://app.example.com";

    /** Follows every CORS request's chain, as audit mode does and enforce mode does for its first ones. */
    private static final CorsEvents FOLLOW_ALL = new CorsEvents() {
    };

    private static CorsPolicyEngine engine(Mode mode) {
        LoadResult load = PolicyLoader.parse("test.properties", String.join("\n",
                "allowed-origins = " + APP,
                "allowed-methods = GET, PUT",
                "allowed-headers = Content-Type"));
        assertTrue(load.isValid(), load.errors()::toString);
        return new CorsPolicyEngine(load.policy(), mode, FOLLOW_ALL);
    }

    private static PolicyExchange enter(CorsPolicyEngine engine, String method, String origin, String requestMethod) {
        return engine.enter(method, origin, requestMethod, requestMethod == null ? null : "content-type", "http",
                "api.local", 8080, "/api/orders");
    }

    @Test
    void anActualCorsRequestIsFollowedFromItsDecisionUntilItsResponseIsJudged() {
        int before = FollowedChains.inFlight();
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", APP, null);
        assertTrue(actual.observesChain());
        assertEquals(before + 1, FollowedChains.inFlight());
        assertTrue(FollowedChains.any());

        actual.chainCalled();
        actual.filterEntered(new Object(), new Object(), null);
        actual.filterExited(200, null);
        actual.commitHeaders(200, new String[0]);
        assertEquals(before, FollowedChains.inFlight(), "the response was judged");
        actual.commitHeaders(200, new String[0]);
        assertEquals(before, FollowedChains.inFlight(), "a second report counted the request out twice");
    }

    @Test
    void aResponseCommittedWhileAFilterRunsIsFollowedUntilTheFilterReturns() {
        int before = FollowedChains.inFlight();
        PolicyExchange actual = enter(engine(Mode.AUDIT), "GET", APP, null);
        actual.filterEntered(new Object(), new Object(), null);
        actual.commitHeaders(200, new String[0]);
        assertEquals(before + 1, FollowedChains.inFlight(), "the chain is judged once the filter returned");

        actual.filterExited(200, null);
        assertEquals(before, FollowedChains.inFlight());
    }

    @Test
    void requestsWithoutAChainToFollowAreNeverCounted() {
        int before = FollowedChains.inFlight();
        CorsPolicyEngine enforce = engine(Mode.ENFORCE);
        PolicyExchange notCors = enter(enforce, "GET", null, null);
        PolicyExchange answered = enter(enforce, "OPTIONS", APP, "PUT");
        PolicyExchange refused = enter(enforce, "OPTIONS", APP, "DELETE");
        assertFalse(notCors.observesChain(), "a non-CORS decision is shared between requests");
        assertFalse(answered.observesChain(), "enforce answers an allowed preflight: no filter runs");
        assertFalse(refused.observesChain(), "enforce refuses this preflight itself: no filter runs");
        assertEquals(before, FollowedChains.inFlight());

        PolicyExchange served = enter(engine(Mode.AUDIT), "OPTIONS", APP, "PUT");
        assertTrue(served.observesChain(), "in audit mode the app serves the preflight, whose chain is the symptom");
        assertEquals(before + 1, FollowedChains.inFlight());
        served.commitHeaders(401, new String[0]);
        assertEquals(before, FollowedChains.inFlight());
    }
}
