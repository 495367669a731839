package io.corsagent.tests.containers;

/** The HTTP/2 (h2c) contract on the tomcat9 line. */
class Tomcat9Http2Test extends Http2Contract {

    Tomcat9Http2Test() {
        super(ServerLines.TOMCAT9);
    }
}
