package io.corsagent.tests.containers;

/** The container contract on the tomcat10 line. */
class Tomcat10Test extends ContainerContract {

    Tomcat10Test() {
        super(ServerLines.TOMCAT10);
    }
}
