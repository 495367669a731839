package io.corsagent.tests.attach;

import io.corsagent.tests.containers.ServerLines;

class AttachToTomcat9Test extends AttachToRunningServer {
    AttachToTomcat9Test() {
        super(ServerLines.TOMCAT9);
    }
}
