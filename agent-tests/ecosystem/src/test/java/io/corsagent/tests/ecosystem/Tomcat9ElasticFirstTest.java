package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the tomcat9 line with the Elastic APM agent loaded before cors-agent. */
class Tomcat9ElasticFirstTest extends SideBySideContract {

    Tomcat9ElasticFirstTest() {
        super(ServerLines.TOMCAT9, new ElasticApmAgent(), Order.APM_AGENT_FIRST);
    }
}
