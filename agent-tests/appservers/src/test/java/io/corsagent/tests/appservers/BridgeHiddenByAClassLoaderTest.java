package io.corsagent.tests.appservers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.corsagent.tests.attach.AttachCli;
import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container whose class loader hides the agent's bridge, as JBoss Modules and OSGi did before the agent bridged
 * them, and as any module system the agent does not know may: Jetty 9.4 with the test app, loaded by
 * {@link HiddenBridgeLauncher}. Advice woven there could never link, so the agent weaves nothing, says so once as an
 * ERROR naming the class, its loader and the fix, and its status is {@code not-guarding} (exit code 6), never
 * {@code active}: the requests pass as without the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeHiddenByAClassLoaderTest {

    private ServerProcess server;

    @RegisterExtension
    final ServerOutputOnFailure outputOnFailure = new ServerOutputOnFailure(() -> server);

    @BeforeAll
    void startJettyInALoaderThatHidesTheBridge() throws Exception {
        Path launcher = Paths.get(HiddenBridgeLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        server = ServerProcess.startListening("Jetty 9.4 in a class loader hiding the bridge", List.of(
                ServerLines.JETTY94.javaExecutable().toString(),
                "-javaagent:" + TestPaths.agentJar() + "=" + TestPaths.policy("enforce.properties"),
                "-cp", launcher.toString(), HiddenBridgeLauncher.class.getName(),
                ServerLines.JETTY94.classPath(), ServerLines.JETTY94.mainClass()));
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void theAgentWeavesNothingSaysWhyAndReportsNotGuarding() throws Exception {
        RawHttp.Response preflight = RawHttp.request("OPTIONS", "/app/api/data").origin(ALLOWED)
                .header("Access-Control-Request-Method", "PUT").send(server.port());
        assertEquals(401, preflight.status(), () -> "the app's auth filter answers, as without the agent:\n" + preflight);
        assertEquals(List.of(), preflight.accessControlHeaders(), preflight::toString);

        String error = server.awaitLine(l -> l.contains("cors-agent ERROR: cannot guard org.eclipse.jetty."), Duration.ofSeconds(10));
        assertTrue(error.contains("its class loader (java.net.URLClassLoader") && error.contains("does not see the"
                + " agent's bridge") && error.contains("Fix: make java.net.URLClassLoader delegate the package"
                + " io.corsagent.bridge to its parent"), error);
        assertEquals(1, server.output().stream().filter(l -> l.contains("cors-agent ERROR: cannot guard")).count(),
                () -> "said more than once:\n" + String.join("\n", server.output()));

        AttachCli.Run status = AttachCli.run("status", Long.toString(server.pid()));
        assertEquals(6, status.exitCode(), status::toString);
        Map<String, String> fields = status.fields();
        assertEquals("not-guarding", fields.get("state"), status::toString);
        assertEquals("none", fields.get("guarding"), status::toString);
        assertEquals("none", fields.get("woven"), status::toString);
        assertTrue(fields.get("reason").contains("does not see the bridge"), status::toString);
    }
}
