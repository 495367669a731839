package io.corsagent.tests.containers;

/** The container contract on the jetty94 line, its server on Java 25. */
class Jetty94Java25Test extends ContainerContract {

    Jetty94Java25Test() {
        super(ServerLines.JETTY94.onJava(ServerLines.JAVA25, "@java25"));
    }
}
