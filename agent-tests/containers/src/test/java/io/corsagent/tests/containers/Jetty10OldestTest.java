package io.corsagent.tests.containers;

/** The container contract on the jetty10-oldest line (Jetty 10, oldest release). */
class Jetty10OldestTest extends ContainerContract {

    Jetty10OldestTest() {
        super(ServerLines.JETTY10_OLDEST);
    }
}
