package io.corsagent.tests.containers;

/** The HTTP/2 (h2c) contract on the jetty12-ee10 line. */
class Jetty12Ee10Http2Test extends Http2Contract {

    Jetty12Ee10Http2Test() {
        super(ServerLines.JETTY12_EE10);
    }
}
