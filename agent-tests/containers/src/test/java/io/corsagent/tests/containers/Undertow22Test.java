package io.corsagent.tests.containers;

/** The container contract on the undertow22 line. */
class Undertow22Test extends ContainerContract {

    Undertow22Test() {
        super(ServerLines.UNDERTOW22);
    }
}
