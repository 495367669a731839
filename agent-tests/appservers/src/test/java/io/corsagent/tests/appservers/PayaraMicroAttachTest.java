package io.corsagent.tests.appservers;

class PayaraMicroAttachTest extends AttachToAppServer {
    PayaraMicroAttachTest() {
        super(new PayaraMicro());
    }
}
