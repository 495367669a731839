package io.corsagent.tests.attach;

import io.corsagent.tests.containers.ServerLines;

/** Attach to a Spring Boot executable jar (Boot 3.5, Tomcat 10.1) started with java -jar, without the agent. */
class AttachToSpringBoot3Test extends AttachToRunningServer {
    AttachToSpringBoot3Test() {
        super(ServerLines.SPRING_BOOT3);
    }
}
