package io.corsagent.tests.appservers;

class WildFly26Test extends AppServerContract {
    WildFly26Test() {
        super(WildFly.javax());
    }
}
