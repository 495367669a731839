package io.corsagent.tests.containers;

/** The container contract on the jetty94 line. */
class Jetty94Test extends ContainerContract {

    Jetty94Test() {
        super(ServerLines.JETTY94);
    }
}
