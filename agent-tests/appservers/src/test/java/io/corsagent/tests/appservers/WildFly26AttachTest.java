package io.corsagent.tests.appservers;

class WildFly26AttachTest extends AttachToAppServer {
    WildFly26AttachTest() {
        super(WildFly.javax());
    }
}
