package io.corsagent.tests.attach;

import io.corsagent.tests.containers.ServerLines;

class AttachToJetty12Ee10Test extends AttachToRunningServer {
    AttachToJetty12Ee10Test() {
        super(ServerLines.JETTY12_EE10);
    }
}
