package io.corsagent.tests.containers;

/** Hostile requests on the undertow23 line. */
class Undertow23HostileRequestsTest extends HostileRequestsContract {

    Undertow23HostileRequestsTest() {
        super(ServerLines.UNDERTOW23);
    }
}
