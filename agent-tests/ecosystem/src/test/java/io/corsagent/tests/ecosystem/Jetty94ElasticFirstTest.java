package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the jetty94 line with the Elastic APM agent loaded before cors-agent. */
class Jetty94ElasticFirstTest extends SideBySideContract {

    Jetty94ElasticFirstTest() {
        super(ServerLines.JETTY94, new ElasticApmAgent(), Order.APM_AGENT_FIRST);
    }
}
