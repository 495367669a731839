package io.corsagent.tests.appservers;

class PayaraMicroTest extends AppServerContract implements OnPayara {
    PayaraMicroTest() {
        super(new PayaraMicro());
    }
}
