package io.corsagent.tests.containers;

/** The container contract on the jetty12-ee8 line. */
class Jetty12Ee8Test extends ContainerContract {

    Jetty12Ee8Test() {
        super(ServerLines.JETTY12_EE8);
    }
}
