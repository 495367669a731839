package io.corsagent.tests.containers;

/**
 * The container contract with the servlet-level fallback alone (hooks=servlet) on the tomcat9 line (javax):
 * Tomcat ignores {@code setHeader(name, null)}, so the fallback must replace headers, never rely on removing them.
 */
class Tomcat9ServletFallbackTest extends ContainerContract {

    Tomcat9ServletFallbackTest() {
        super(ServerLines.TOMCAT9, Hooks.SERVLET_FALLBACK);
    }
}
