package io.corsagent.tools;

import io.corsagent.audit.AgentEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** Sends requests through a real engine in audit mode, as a container hook would, and reads the agent's summary. */
final class Traffic {

    private final AgentEvents events = new AgentEvents(finding -> { });
    private final CorsPolicyEngine engine;

    /** @param policy the policy in effect while the traffic was seen */
    Traffic(String policy) {
        engine = new CorsPolicyEngine(PolicyLoader.parse("running.properties", policy).policy(), Mode.AUDIT, events);
    }

    Traffic preflight(String origin, String path, String method, String headers) {
        engine.enter("OPTIONS", origin, method, headers, "https", "api.example.com", 443, path)
                .commitHeaders(401, new String[0]);
        return this;
    }

    /** An actual request without credentials, answered with no other header than these CORS ones (name, value, ...). */
    Traffic actual(String origin, String method, String path, String... appHeaders) {
        return actual(origin, method, path, false, new String[0], appHeaders);
    }

    /**
     * An actual request as a hook reports it (see {@code HookProtocol}): whether it carried Cookie or Authorization,
     * and the names of its response's other fields, each told only when the exchange asks for it.
     */
    Traffic actual(String origin, String method, String path, boolean credentials, String[] fieldNames,
                   String... appHeaders) {
        PolicyExchange exchange = engine.enter(method, origin, null, null, "https", "api.example.com", 443, path);
        if (exchange.observesCredentials()) {
            exchange.credentials(credentials);
        }
        if (exchange.observesResponseFields()) {
            exchange.responseFieldNames(fieldNames);
        }
        exchange.commitHeaders(200, appHeaders);
        return this;
    }

    Traffic times(int n, Runnable requests) {
        for (int i = 0; i < n; i++) {
            requests.run();
        }
        return this;
    }

    String snapshot() {
        return events.observations().snapshot(1000);
    }

    ObservedTraffic observed() {
        return ObservedTraffic.of(snapshot());
    }
}
