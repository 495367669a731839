package io.corsagent.tests.containers;

import java.nio.file.Path;
import java.nio.file.Paths;
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
    public static final ServerLine JETTY94 = ServerLine.of("jetty94", "io.corsagent.tests.servers.JettyTestServer");
    public static final ServerLine JETTY11 = ServerLine.of("jetty11", "io.corsagent.tests.servers.JettyTestServer");
    public static final ServerLine UNDERTOW22 =
            ServerLine.of("undertow22", "io.corsagent.tests.servers.UndertowTestServer");
    public static final ServerLine UNDERTOW23 =
            ServerLine.of("undertow23", "io.corsagent.tests.servers.UndertowTestServer");

    /** The JDK 25 the Java 25 rows run their servers on ({@code -Dcors.java25.home} to point elsewhere). */
    public static final Path JAVA25 =
            Paths.get(System.getProperty("cors.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** The audit app ({@code io.corsagent.testapp.audit.AuditApp}) on Tomcat 9 (javax) and Tomcat 10.1 (jakarta). */
    public static final ServerLine TOMCAT9_AUDIT_APP = ServerLine.of("tomcat9@audit-app",
            "io.corsagent.tests.servers.TomcatAuditTestServer");
    public static final ServerLine TOMCAT10_AUDIT_APP = ServerLine.of("tomcat10@audit-app",
            "io.corsagent.tests.servers.TomcatAuditTestServer");

    /** The audit app on Jetty 12 ee8 (javax) and ee10 (jakarta), with Jetty's CrossOriginFilter as its CORS filter. */
    public static final ServerLine JETTY12_EE8_AUDIT_APP = ServerLine.of("jetty12-ee8@audit-app",
            "io.corsagent.tests.servers.Jetty12Ee8AuditTestServer");
    public static final ServerLine JETTY12_EE10_AUDIT_APP = ServerLine.of("jetty12-ee10@audit-app",
            "io.corsagent.tests.servers.Jetty12Ee10AuditTestServer");

    /**
     * The Spring Boot app (agent-tests/spring-boot) as its executable jar, run with {@code java -jar}: Boot 3.5 (Tomcat
     * 10.1, Spring Security 6.5, jakarta) and Boot 2.7 (Tomcat 9.0.83, Spring Security 5.7, javax).
     */
    public static final ServerLine SPRING_BOOT3 =
            ServerLine.executableJar("spring-boot3", "spring-boot/boot3/target/spring-boot-app.jar");
    public static final ServerLine SPRING_BOOT27 =
            ServerLine.executableJar("spring-boot27", "spring-boot/boot27/target/spring-boot-app.jar");

    private ServerLines() {
    }

    public static List<ServerLine> all() {
        return List.of(TOMCAT9, TOMCAT10, TOMCAT11, JETTY12_EE8, JETTY12_EE10, JETTY94, JETTY11, UNDERTOW22, UNDERTOW23);
    }
}
