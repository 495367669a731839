package io.corsagent.tests.containers;

/** The container contract on the tomcat85-oldest line (Tomcat 8.5, oldest release). */
class Tomcat85OldestTest extends ContainerContract {

    Tomcat85OldestTest() {
        super(ServerLines.TOMCAT85_OLDEST);
    }
}
