package io.corsagent.tests.containers;

/** The container contract on the jetty11 line. */
class Jetty11Test extends ContainerContract {

    Jetty11Test() {
        super(ServerLines.JETTY11);
    }
}
