package io.corsagent.tests.containers;

/** The container contract on the tomcat9 line. */
class Tomcat9Test extends ContainerContract {

    Tomcat9Test() {
        super(ServerLines.TOMCAT9);
    }
}
