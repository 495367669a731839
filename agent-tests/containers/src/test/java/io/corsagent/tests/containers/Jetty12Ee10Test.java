package io.corsagent.tests.containers;

/** The container contract on the jetty12-ee10 line. */
class Jetty12Ee10Test extends ContainerContract {

    Jetty12Ee10Test() {
        super(ServerLines.JETTY12_EE10);
    }
}
