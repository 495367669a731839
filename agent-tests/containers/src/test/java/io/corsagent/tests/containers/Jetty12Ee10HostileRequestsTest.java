package io.corsagent.tests.containers;

/** Hostile requests on the jetty12-ee10 line. */
class Jetty12Ee10HostileRequestsTest extends HostileRequestsContract {

    Jetty12Ee10HostileRequestsTest() {
        super(ServerLines.JETTY12_EE10);
    }
}
