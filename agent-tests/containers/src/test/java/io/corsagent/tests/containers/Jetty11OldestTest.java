package io.corsagent.tests.containers;

/** The container contract on the jetty11-oldest line (Jetty 11, oldest release). */
class Jetty11OldestTest extends ContainerContract {

    Jetty11OldestTest() {
        super(ServerLines.JETTY11_OLDEST);
    }
}
