package io.corsagent.tests.containers;

/** Hostile requests on the jetty11 line. */
class Jetty11HostileRequestsTest extends HostileRequestsContract {

    Jetty11HostileRequestsTest() {
        super(ServerLines.JETTY11);
    }
}
