package io.corsagent.tests.ecosystem;

import io.corsagent.tests.containers.ServerLines;

/** The container contract on the undertow23 line with the Elastic APM agent loaded before cors-agent. */
class Undertow23ElasticFirstTest extends SideBySideContract {

    Undertow23ElasticFirstTest() {
        super(ServerLines.UNDERTOW23, new ElasticApmAgent(), Order.APM_AGENT_FIRST);
    }
}
