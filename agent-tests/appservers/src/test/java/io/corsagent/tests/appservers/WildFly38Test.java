package io.corsagent.tests.appservers;

class WildFly38Test extends AppServerContract {
    WildFly38Test() {
        super(WildFly.jakarta());
    }
}
