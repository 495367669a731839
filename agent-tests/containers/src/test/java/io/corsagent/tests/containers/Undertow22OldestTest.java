package io.corsagent.tests.containers;

/** The container contract on the undertow22-oldest line (Undertow 2.2, oldest release). */
class Undertow22OldestTest extends ContainerContract {

    Undertow22OldestTest() {
        super(ServerLines.UNDERTOW22_OLDEST);
    }
}
