package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the undertow23 line with the Elastic APM agent loaded after cors-agent. */
class Undertow23ElasticLastTest extends SideBySideContract {

    Undertow23ElasticLastTest() {
        super(ServerLines.UNDERTOW23, new ElasticApmAgent(), Order.CORS_AGENT_FIRST);
    }
}
