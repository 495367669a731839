package io.corsagent.tests.containers;

/** The container contract on the tomcat85 line (Tomcat 8.5, newest release). */
class Tomcat85Test extends ContainerContract {

    Tomcat85Test() {
        super(ServerLines.TOMCAT85);
    }
}
