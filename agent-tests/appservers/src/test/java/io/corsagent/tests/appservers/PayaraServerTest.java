package io.corsagent.tests.appservers;

class PayaraServerTest extends AppServerContract implements OnPayara {
    PayaraServerTest() {
        super(new PayaraServer());
    }
}
