package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.corsagent.tests.containers.ContainerContract;
import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.StatusProperty;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The agent given only in {@code JAVA_TOOL_OPTIONS}, as Kubernetes operators and buildpacks inject agents: the whole
 * container contract passes on Tomcat 9, exactly as with {@code -javaagent} on the command line. The variable is
 * inherited by every JVM started in the same environment, the command line tools too: {@code status} run there
 * (as in {@code kubectl exec}) still reports on the server.
 */
class JavaToolOptionsTest extends ContainerContract {

    private ServerProcess server;
    private String javaToolOptions;

    JavaToolOptionsTest() {
        super(ServerLines.TOMCAT9);
    }

    @Override
    protected ServerProcess startServer(ServerLine line, String agentArgument) {
        javaToolOptions = Ecosystem.corsAgentOption(agentArgument);
        server = ServerProcess.startUnshared(line, Map.of("JAVA_TOOL_OPTIONS", javaToolOptions));
        return server;
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @Test
    void theJvmTookTheAgentFromTheVariable() throws Exception {
        server.awaitLine(line -> line.equals("Picked up JAVA_TOOL_OPTIONS: " + javaToolOptions), Duration.ofSeconds(5));
        Map<String, String> status = StatusProperty.await(server.pid(), "state", "active");
        assertEquals("enforce", status.get("mode"), status::toString);
    }

    @Test
    void theCommandLineToolsWorkInTheSameEnvironment() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TestPaths.agentJar().toString(), "status", Long.toString(server.pid()));
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        Process status = builder.start();
        status.getOutputStream().close();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(status.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.waitFor(60, TimeUnit.SECONDS), "status did not exit");
        assertEquals(0, status.exitValue(), () -> "stdout:\n" + out + "\nstderr:\n" + err);
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*mode\\s+enforce\\b.*")), out);
    }
}
