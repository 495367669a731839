package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the undertow23 line with the OpenTelemetry Java agent loaded before cors-agent. */
class Undertow23OtelFirstTest extends SideBySideContract {

    Undertow23OtelFirstTest() {
        super(ServerLines.UNDERTOW23, new OpenTelemetryAgent(), Order.APM_AGENT_FIRST);
    }
}
