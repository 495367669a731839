package io.corsagent.tests.containers;

/** The container contract on the undertow23 line. */
class Undertow23Test extends ContainerContract {

    Undertow23Test() {
        super(ServerLines.UNDERTOW23);
    }
}
