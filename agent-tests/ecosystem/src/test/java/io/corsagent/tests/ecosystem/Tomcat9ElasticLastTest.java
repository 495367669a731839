package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the tomcat9 line with the Elastic APM agent loaded after cors-agent. */
class Tomcat9ElasticLastTest extends SideBySideContract {

    Tomcat9ElasticLastTest() {
        super(ServerLines.TOMCAT9, new ElasticApmAgent(), Order.CORS_AGENT_FIRST);
    }
}
