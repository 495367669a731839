package io.corsagent.tests.containers;

/** The container contract on the undertow23 line, its server on Java 25. */
class Undertow23Java25Test extends ContainerContract {

    Undertow23Java25Test() {
        super(ServerLines.UNDERTOW23.onJava(ServerLines.JAVA25, "@java25"));
    }
}
