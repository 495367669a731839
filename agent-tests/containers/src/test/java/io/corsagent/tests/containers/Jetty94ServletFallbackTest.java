package io.corsagent.tests.containers;

/** The container contract with the servlet-level fallback alone (hooks=servlet) on the jetty94 line (javax): container security answers before it, and the contract says so. */
class Jetty94ServletFallbackTest extends ContainerContract {

    Jetty94ServletFallbackTest() {
        super(ServerLines.JETTY94, Hooks.SERVLET_FALLBACK);
    }
}
