package io.corsagent.tests.containers;

/** Hostile requests on the tomcat11 line. */
class Tomcat11HostileRequestsTest extends HostileRequestsContract {

    Tomcat11HostileRequestsTest() {
        super(ServerLines.TOMCAT11);
    }
}
