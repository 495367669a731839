package io.corsagent.tests.containers;

/** Hostile requests on the jetty12-ee8 line. */
class Jetty12Ee8HostileRequestsTest extends HostileRequestsContract {

    Jetty12Ee8HostileRequestsTest() {
        super(ServerLines.JETTY12_EE8);
    }
}
