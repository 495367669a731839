package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the tomcat9 line with the OpenTelemetry Java agent loaded after cors-agent. */
class Tomcat9OtelLastTest extends SideBySideContract {

    Tomcat9OtelLastTest() {
        super(ServerLines.TOMCAT9, new OpenTelemetryAgent(), Order.CORS_AGENT_FIRST);
    }
}
