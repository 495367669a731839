package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the jetty94 line with the OpenTelemetry Java agent loaded before cors-agent. */
class Jetty94OtelFirstTest extends SideBySideContract {

    Jetty94OtelFirstTest() {
        super(ServerLines.JETTY94, new OpenTelemetryAgent(), Order.APM_AGENT_FIRST);
    }
}
