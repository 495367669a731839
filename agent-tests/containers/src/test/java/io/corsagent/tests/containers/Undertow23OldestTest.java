package io.corsagent.tests.containers;

/** The container contract on the undertow23-oldest line (Undertow 2.3, oldest release). */
class Undertow23OldestTest extends ContainerContract {

    Undertow23OldestTest() {
        super(ServerLines.UNDERTOW23_OLDEST);
    }
}
