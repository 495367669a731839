package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static io.corsagent.tests.containers.Fixtures.EVIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * An agent that is loaded, with a valid policy, but whose hooks reach no request, must say so: state
 * {@code not-guarding} with its reason, {@code status} exiting 6, never {@code active}.
 */
class NotGuardingTest {

    /** Tomcat 9 and the test app, loaded by a class loader that hides the agent's bridge. */
    private static final ServerLine BRIDGE_HIDDEN = ServerLine.of("tomcat9@bridge-hidden",
            "io.corsagent.tests.servers.BridgeHidingTomcat");
    /** The JDK's own HTTP server: no container the agent knows. */
    private static final ServerLine JDK_HTTP_SERVER = ServerLine.of("tomcat9@jdk-http-server",
            "io.corsagent.testapp.server.JdkHttpTestServer");

    @Test
    void aClassLoaderThatHidesTheBridgeIsNamedWithTheFixAndNothingOfItIsWoven() throws Exception {
        ServerProcess server = ServerProcess.shared(BRIDGE_HIDDEN, ServerProcess.agentArgument("enforce.properties"));
        String error = server.awaitLine(l -> l.contains("cors-agent ERROR: cannot guard org.apache."),
                Duration.ofSeconds(30));
        assertTrue(error.contains("does not see the agent's bridge (io.corsagent.bridge, on the bootstrap class"
                + " path)") && error.contains("Fix: make java.net.URLClassLoader delegate the"
                + " package io.corsagent.bridge to its parent"), error);

        RawHttp.Response preflight = RawHttp.request("OPTIONS", "/app/secure/data").origin(ALLOWED)
                .header("Access-Control-Request-Method", "PUT").send(server.port());
        assertNotEquals(204, preflight.status(), "nothing answers preflights on this server");
        assertNull(preflight.header("Access-Control-Allow-Methods"), preflight.toString());

        Map<String, String> status = awaitReasonNaming(server.pid(), "not woven: its class loader ");
        assertEquals("not-guarding", status.get("state"));
        assertEquals("none", status.get("guarding"));
        assertTrue(status.get("reason").contains("not woven: its class loader "), status.toString());
        assertTrue(status.get("woven").equals("none") || !status.get("woven").contains("org.apache."),
                status.toString());
        assertNoHookWoven(server);
        assertEquals(6, statusExitCode(server.pid()));
    }

    @Test
    void aServerWithNoSupportedContainerIsNotGuardedAndSaysSo() throws Exception {
        ServerProcess server = ServerProcess.shared(JDK_HTTP_SERVER, ServerProcess.agentArgument("enforce.properties"));
        RawHttp.Response reflected = RawHttp.request("GET", "/app/api/data").origin(EVIL).send(server.port());
        assertEquals(EVIL, reflected.header("Access-Control-Allow-Origin"), "no hook, so the app's reflection stays");

        Map<String, String> status = StatusProperty.await(server.pid(), "state", "not-guarding");
        assertEquals("none", status.get("guarding"));
        assertEquals("no class of a supported container is loaded (yet): requests reach no hook",
                status.get("reason"));
        assertEquals(6, statusExitCode(server.pid()));
    }

    /** The status once it names the reason: it is published every second, so a read may still predate the error. */
    private static Map<String, String> awaitReasonNaming(long pid, String text) throws Exception {
        Map<String, String> status = StatusProperty.read(pid);
        for (int i = 0; i < 50 && !status.getOrDefault("reason", "").contains(text); i++) {
            Thread.sleep(200);
            status = StatusProperty.read(pid);
        }
        return status;
    }

    private static void assertNoHookWoven(ServerProcess server) {
        List<String> output = server.output();
        assertTrue(output.stream().noneMatch(l -> l.contains("cors-agent INFO: active: guarding")),
                String.join("\n", output));
    }

    private static int statusExitCode(long pid) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TestPaths.agentJar().toString(), "status", Long.toString(pid)).redirectErrorStream(true).start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(60, TimeUnit.SECONDS), output);
        assertTrue(output.contains("state") && output.contains("not-guarding"), output);
        return cli.exitValue();
    }
}
