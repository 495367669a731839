package io.corsagent.tests.containers;

/** The container contract on the tomcat10-oldest line (Tomcat 10.1, oldest release). */
class Tomcat10OldestTest extends ContainerContract {

    Tomcat10OldestTest() {
        super(ServerLines.TOMCAT10_OLDEST);
    }
}
