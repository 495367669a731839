package io.corsagent.tests.containers;

/** Hostile requests on the jetty94 line. */
class Jetty94HostileRequestsTest extends HostileRequestsContract {

    Jetty94HostileRequestsTest() {
        super(ServerLines.JETTY94);
    }
}
