package io.corsagent.tests.containers;

import java.util.List;

/** Every container line the suite knows. A new line: a module under agent-tests/servers, a constant here, and a
 * {@link ContainerContract} subclass naming it. */
public final class ServerLines {

    public static final ServerLine TOMCAT9 = ServerLine.of("tomcat9", "io.corsagent.tests.servers.TomcatTestServer");
    public static final ServerLine TOMCAT10 = ServerLine.of("tomcat10", "io.corsagent.tests.servers.TomcatTestServer");
    public static final ServerLine TOMCAT11 = ServerLine.of("tomcat11", "io.corsagent.tests.servers.TomcatTestServer");
    public static final ServerLine JETTY12_EE8 =
            ServerLine.of("jetty12-ee8", "io.corsagent.tests.servers.Jetty12Ee8TestServer");
    public static final ServerLine JETTY12_EE10 =
            ServerLine.of("jetty12-ee10", "io.corsagent.tests.servers.Jetty12Ee10TestServer");

    private ServerLines() {
    }

    public static List<ServerLine> all() {
        return List.of(TOMCAT9, TOMCAT10, TOMCAT11, JETTY12_EE8, JETTY12_EE10);
    }
}
