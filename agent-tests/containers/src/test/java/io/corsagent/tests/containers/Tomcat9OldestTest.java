package io.corsagent.tests.containers;

/** The container contract on the tomcat9-oldest line (Tomcat 9.0, oldest release). */
class Tomcat9OldestTest extends ContainerContract {

    Tomcat9OldestTest() {
        super(ServerLines.TOMCAT9_OLDEST);
    }
}
