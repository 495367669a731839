package io.corsagent.tests.attach;

import io.corsagent.tests.containers.ServerLines;

/** Attach to a Spring Boot executable jar (Boot 2.7, Tomcat 9.0.83) started with java -jar, without the agent. */
class AttachToSpringBoot27Test extends AttachToRunningServer {
    AttachToSpringBoot27Test() {
        super(ServerLines.SPRING_BOOT27);
    }
}
