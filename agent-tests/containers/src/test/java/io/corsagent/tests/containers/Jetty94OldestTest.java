package io.corsagent.tests.containers;

/** The container contract on the jetty94-oldest line (Jetty 9.4, oldest release). */
class Jetty94OldestTest extends ContainerContract {

    Jetty94OldestTest() {
        super(ServerLines.JETTY94_OLDEST);
    }
}
