package io.corsagent.tests.containers;

/** Hostile requests on the undertow22 line. */
class Undertow22HostileRequestsTest extends HostileRequestsContract {

    Undertow22HostileRequestsTest() {
        super(ServerLines.UNDERTOW22);
    }
}
