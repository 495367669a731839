package io.corsagent.tests.containers;

/** The container contract on the jetty10 line (Jetty 10, newest release). */
class Jetty10Test extends ContainerContract {

    Jetty10Test() {
        super(ServerLines.JETTY10);
    }
}
