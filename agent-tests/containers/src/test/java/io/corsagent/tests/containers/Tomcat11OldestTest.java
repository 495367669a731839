package io.corsagent.tests.containers;

/** The container contract on the tomcat11-oldest line (Tomcat 11, oldest release). */
class Tomcat11OldestTest extends ContainerContract {

    Tomcat11OldestTest() {
        super(ServerLines.TOMCAT11_OLDEST);
    }
}
