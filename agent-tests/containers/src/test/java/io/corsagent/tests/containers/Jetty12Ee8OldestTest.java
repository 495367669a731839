package io.corsagent.tests.containers;

/** The container contract on the jetty12-ee8-oldest line (Jetty 12 ee8, oldest release). */
class Jetty12Ee8OldestTest extends ContainerContract {

    Jetty12Ee8OldestTest() {
        super(ServerLines.JETTY12_EE8_OLDEST);
    }
}
