package io.corsagent.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.corsagent.Allocations;
import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/**
 * The observation's cost on the request path, counted in bytes (not timed): a CORS request from an origin seen
 * before, asking for what it asked before, on a path seen before, allocates nothing in the traffic summary.
 */
class ObservationAllocationTest {

    private final TrafficObservations observations = new TrafficObservations(finding -> { });
    private final CorsPolicyEngine engine = new CorsPolicyEngine(PolicyLoader.parse("p.properties",
            "allowed-origins = https://app.example.com\nallowed-methods = PUT\nallowed-headers = Content-Type,"
                    + " X-Client-Version").policy(), Mode.ENFORCE, io.corsagent.cors.CorsEvents.NONE);

    @Test
    void aKnownPreflightAllocatesNothing() {
        CorsDecision preflight = engine.enter("OPTIONS", "https://app.example.com", "PUT",
                "content-type,x-client-version", "https", "api.example.com", 443, "/api/orders/42");
        assertEquals(0, Allocations.perCall(() -> observations.decided(preflight)));
    }

    @Test
    void aKnownActualRequestAndTheAppsAnswerAllocateNothing() {
        CorsDecision actual = engine.enter("GET", "https://app.example.com", null, null, "https", "api.example.com",
                443, "/api/orders/42");
        String[] appHeaders = {"Access-Control-Allow-Origin", "https://app.example.com",
            "Access-Control-Allow-Credentials", "true"};
        assertEquals(0, Allocations.perCall(() -> {
            observations.decided(actual);
            observations.committed(actual, appHeaders);
        }));
    }
}
