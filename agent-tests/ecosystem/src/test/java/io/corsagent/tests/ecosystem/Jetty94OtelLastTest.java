package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the jetty94 line with the OpenTelemetry Java agent loaded after cors-agent. */
class Jetty94OtelLastTest extends SideBySideContract {

    Jetty94OtelLastTest() {
        super(ServerLines.JETTY94, new OpenTelemetryAgent(), Order.CORS_AGENT_FIRST);
    }
}
