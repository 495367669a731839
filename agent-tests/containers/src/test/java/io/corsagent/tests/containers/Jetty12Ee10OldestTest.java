package io.corsagent.tests.containers;

/** The container contract on the jetty12-ee10-oldest line (Jetty 12 ee10, oldest release). */
class Jetty12Ee10OldestTest extends ContainerContract {

    Jetty12Ee10OldestTest() {
        super(ServerLines.JETTY12_EE10_OLDEST);
    }
}
