package io.corsagent.tests.containers;

/** Hostile requests on the tomcat9 line. */
class Tomcat9HostileRequestsTest extends HostileRequestsContract {

    Tomcat9HostileRequestsTest() {
        super(ServerLines.TOMCAT9);
    }
}
