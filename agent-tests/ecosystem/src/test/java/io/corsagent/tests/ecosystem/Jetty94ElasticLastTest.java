package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the jetty94 line with the Elastic APM agent loaded after cors-agent. */
class Jetty94ElasticLastTest extends SideBySideContract {

    Jetty94ElasticLastTest() {
        super(ServerLines.JETTY94, new ElasticApmAgent(), Order.CORS_AGENT_FIRST);
    }
}
