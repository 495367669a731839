package io.corsagent.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.corsagent.Allocations;
import io.corsagent.audit.AgentEvents;
import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
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
                    + " X-Client-Version").policy(), Mode.ENFORCE, new CorsEvents() {
                        @Override
                        public Object decided(CorsDecision decision) {
                            return observations.decided(decision);
                        }
                    });

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

    /**
     * What a hook asks of an actual request's exchange on every such request (whether to look for credentials and at
     * the response's fields), through the exchange and the runtime's events, and what it reports when the answer is
     * yes: nothing allocates for a known origin and known response header names.
     */
    @Test
    void askingForAndReportingCredentialsAndResponseFieldsAllocatesNothing() {
        AgentEvents events = new AgentEvents(finding -> { });
        CorsPolicyEngine audited = new CorsPolicyEngine(PolicyLoader.parse("p.properties",
                "allowed-origins = https://app.example.com").policy(), Mode.AUDIT, events);
        PolicyExchange actual = audited.enter("GET", "https://app.example.com", null, null, "https",
                "api.example.com", 443, "/api/orders/42");
        String[] names = {"X-Total-Count", "ETag", "Content-Type"};
        assertTrue(actual.observesCredentials() && actual.observesResponseFields(), "learning: asked");
        // Past the learning requests as well: the answer turns to no (this request's count is not on the sample).
        assertEquals(0, Allocations.perCall(() -> {
            if (actual.observesCredentials()) {
                actual.credentials(true);
            }
            if (actual.observesResponseFields()) {
                actual.responseFieldNames(names);
            }
        }));
        assertFalse(actual.observesCredentials() || actual.observesResponseFields(), "learnt: not asked");
    }
}
