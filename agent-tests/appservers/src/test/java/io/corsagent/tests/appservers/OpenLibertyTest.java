package io.corsagent.tests.appservers;

class OpenLibertyTest extends AppServerContract {
    OpenLibertyTest() {
        super(new OpenLiberty());
    }
}
