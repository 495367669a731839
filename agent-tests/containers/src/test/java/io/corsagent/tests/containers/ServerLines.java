package io.corsagent.tests.containers;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Every container line the suite knows, at its newest release and at its oldest. A new line: a module under
 * agent-tests/servers (one per release tested), a constant here, and a {@link ContainerContract} subclass naming it.
 */
public final class ServerLines {

    private static final String TOMCAT_MAIN = "io.corsagent.tests.servers.TomcatTestServer";
    private static final String JETTY_MAIN = "io.corsagent.tests.servers.JettyTestServer";
    private static final String JETTY12_EE8_MAIN = "io.corsagent.tests.servers.Jetty12Ee8TestServer";
    private static final String JETTY12_EE10_MAIN = "io.corsagent.tests.servers.Jetty12Ee10TestServer";
    private static final String UNDERTOW_MAIN = "io.corsagent.tests.servers.UndertowTestServer";

    public static final ServerLine TOMCAT85 = ServerLine.of("tomcat85", TOMCAT_MAIN);
    public static final ServerLine TOMCAT9 = ServerLine.of("tomcat9", TOMCAT_MAIN);
    public static final ServerLine TOMCAT10 = ServerLine.of("tomcat10", TOMCAT_MAIN);
    public static final ServerLine TOMCAT11 = ServerLine.of("tomcat11", TOMCAT_MAIN);
    public static final ServerLine JETTY12_EE8 = ServerLine.of("jetty12-ee8", JETTY12_EE8_MAIN);
    public static final ServerLine JETTY12_EE10 = ServerLine.of("jetty12-ee10", JETTY12_EE10_MAIN);
    public static final ServerLine JETTY94 = ServerLine.of("jetty94", JETTY_MAIN);
    public static final ServerLine JETTY10 = ServerLine.of("jetty10", JETTY_MAIN);
    public static final ServerLine JETTY11 = ServerLine.of("jetty11", JETTY_MAIN);
    public static final ServerLine UNDERTOW22 = ServerLine.of("undertow22", UNDERTOW_MAIN);
    public static final ServerLine UNDERTOW23 = ServerLine.of("undertow23", UNDERTOW_MAIN);

    /** The oldest release of each line: the hooks use only container members present from there to the newest. */
    public static final ServerLine TOMCAT85_OLDEST = ServerLine.of("tomcat85-oldest", TOMCAT_MAIN);
    public static final ServerLine TOMCAT9_OLDEST = ServerLine.of("tomcat9-oldest", TOMCAT_MAIN);
    public static final ServerLine TOMCAT10_OLDEST = ServerLine.of("tomcat10-oldest", TOMCAT_MAIN);
    public static final ServerLine TOMCAT11_OLDEST = ServerLine.of("tomcat11-oldest", TOMCAT_MAIN);
    public static final ServerLine JETTY12_EE8_OLDEST = ServerLine.of("jetty12-ee8-oldest", JETTY12_EE8_MAIN);
    public static final ServerLine JETTY12_EE10_OLDEST = ServerLine.of("jetty12-ee10-oldest", JETTY12_EE10_MAIN);
    public static final ServerLine JETTY94_OLDEST = ServerLine.of("jetty94-oldest", JETTY_MAIN);
    public static final ServerLine JETTY10_OLDEST = ServerLine.of("jetty10-oldest", JETTY_MAIN);
    public static final ServerLine JETTY11_OLDEST = ServerLine.of("jetty11-oldest", JETTY_MAIN);
    public static final ServerLine UNDERTOW22_OLDEST = ServerLine.of("undertow22-oldest", UNDERTOW_MAIN);
    public static final ServerLine UNDERTOW23_OLDEST = ServerLine.of("undertow23-oldest", UNDERTOW_MAIN);

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

    /** Every line at its newest release. */
    public static List<ServerLine> newest() {
        return List.of(TOMCAT85, TOMCAT9, TOMCAT10, TOMCAT11, JETTY12_EE8, JETTY12_EE10, JETTY94, JETTY10, JETTY11,
                UNDERTOW22, UNDERTOW23);
    }

    /** Every line at its newest release and at its oldest. */
    public static List<ServerLine> all() {
        return List.of(TOMCAT85, TOMCAT9, TOMCAT10, TOMCAT11, JETTY12_EE8, JETTY12_EE10, JETTY94, JETTY10, JETTY11,
                UNDERTOW22, UNDERTOW23, TOMCAT85_OLDEST, TOMCAT9_OLDEST, TOMCAT10_OLDEST, TOMCAT11_OLDEST,
                JETTY12_EE8_OLDEST, JETTY12_EE10_OLDEST, JETTY94_OLDEST, JETTY10_OLDEST, JETTY11_OLDEST,
                UNDERTOW22_OLDEST, UNDERTOW23_OLDEST);
    }
}
