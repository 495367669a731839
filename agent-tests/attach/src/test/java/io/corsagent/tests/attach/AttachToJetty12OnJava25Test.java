package io.corsagent.tests.attach;

import java.nio.file.Path;

import io.corsagent.tests.containers.ServerLines;

/** The same life on a Java 25 target, attached from the tests' Java 17: the JDK 21+ warning is expected. */
class AttachToJetty12OnJava25Test extends AttachToRunningServer {

    AttachToJetty12OnJava25Test() {
        super(ServerLines.JETTY12_EE10.onJava(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"), "@java25"));
    }

    @Override
    boolean printsDynamicAgentWarning() {
        return true;
    }
}
