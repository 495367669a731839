package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the tomcat9 line with the OpenTelemetry Java agent loaded before cors-agent. */
class Tomcat9OtelFirstTest extends SideBySideContract {

    Tomcat9OtelFirstTest() {
        super(ServerLines.TOMCAT9, new OpenTelemetryAgent(), Order.APM_AGENT_FIRST);
    }
}
