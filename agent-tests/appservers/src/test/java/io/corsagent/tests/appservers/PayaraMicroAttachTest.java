package io.corsagent.tests.appservers;

class PayaraMicroAttachTest extends AttachToAppServer implements OnPayara {
    PayaraMicroAttachTest() {
        super(new PayaraMicro());
    }
}
