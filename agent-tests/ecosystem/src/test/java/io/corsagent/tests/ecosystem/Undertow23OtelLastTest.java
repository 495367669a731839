package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the undertow23 line with the OpenTelemetry Java agent loaded after cors-agent. */
class Undertow23OtelLastTest extends SideBySideContract {

    Undertow23OtelLastTest() {
        super(ServerLines.UNDERTOW23, new OpenTelemetryAgent(), Order.CORS_AGENT_FIRST);
    }
}
