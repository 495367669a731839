package io.corsagent.tests.containers;

/** Hostile requests on the tomcat10 line. */
class Tomcat10HostileRequestsTest extends HostileRequestsContract {

    Tomcat10HostileRequestsTest() {
        super(ServerLines.TOMCAT10);
    }
}
