package io.corsagent.tests.containers;

/** The container contract on the tomcat11 line. */
class Tomcat11Test extends ContainerContract {

    Tomcat11Test() {
        super(ServerLines.TOMCAT11);
    }
}
