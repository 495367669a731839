package io.corsagent.tests.appservers;

class PayaraMicroTest extends AppServerContract {
    PayaraMicroTest() {
        super(new PayaraMicro());
    }
}
