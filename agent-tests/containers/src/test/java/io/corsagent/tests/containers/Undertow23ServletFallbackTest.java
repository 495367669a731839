package io.corsagent.tests.containers;

/** The container contract with the servlet-level fallback alone (hooks=servlet) on the undertow23 line (jakarta): container security answers before it, and the contract says so. */
class Undertow23ServletFallbackTest extends ContainerContract {

    Undertow23ServletFallbackTest() {
        super(ServerLines.UNDERTOW23, Hooks.SERVLET_FALLBACK);
    }
}
