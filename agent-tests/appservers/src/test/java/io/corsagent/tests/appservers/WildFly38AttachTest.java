package io.corsagent.tests.appservers;

class WildFly38AttachTest extends AttachToAppServer {
    WildFly38AttachTest() {
        super(WildFly.jakarta());
    }
}
