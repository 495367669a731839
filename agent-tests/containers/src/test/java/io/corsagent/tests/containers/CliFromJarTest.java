package io.corsagent.tests.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line as users run it, {@code java -jar cors-agent.jar ...}: the launcher loads the CLI from the
 * nested core jar, so this checks what unit tests cannot (service files and the version resource survive the
 * shading and nesting; exit codes reach the shell).
 */
class CliFromJarTest {

    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TestPaths.agentJar().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "cors-agent.jar did not exit");
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void checkValidAndInvalidPolicies() throws Exception {
        Path valid = Files.writeString(directory.resolve("valid.properties"),
                "allowed-origins = https://app.example.com\nallowed-methods = PUT\n");
        Path invalid = Files.writeString(directory.resolve("invalid.properties"),
                "allowed-origins = *\nallow-credentials = true\n");

        Run ok = cli("check", valid.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals(valid + ": valid\n", ok.out());

        Run bad = cli("check", invalid.toString(), "--json");
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.out().startsWith("{\"file\":\"" + invalid + "\",\"valid\":false,\"errors\":[{\"line\":1,"
                + "\"key\":\"allowed-origins\""), bad.out());
    }

    @Test
    void explainAPreflight() throws Exception {
        Path policy = Files.writeString(directory.resolve("policy.properties"),
                "allowed-origins = https://app.example.com\nallowed-methods = PUT\nallowed-headers = Content-Type\n");
        Run run = cli("explain", policy.toString(), "--origin", "https://app.example.com", "--method", "OPTIONS",
                "--request-method", "PUT", "--request-header", "content-type");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("""
                Response: 204, answered by the agent itself (the application never sees the request)
                          Access-Control-Allow-Origin: https://app.example.com
                          Access-Control-Allow-Methods: PUT
                          Access-Control-Allow-Headers: Content-Type
                          Access-Control-Max-Age: 600
                          Vary: Origin
                """), run.out());
    }

    @Test
    void versionAndUsageErrors() throws Exception {
        Run version = cli("--version");
        assertEquals(0, version.exitCode());
        // The lines after the first list the shaded components (agent-tests/ecosystem's SbomTest).
        assertTrue(version.out().lines().findFirst().orElse("").matches("cors-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
                version.out());

        Run usage = cli("explain");
        assertEquals(2, usage.exitCode());
        assertEquals("cors-agent explain: name the policy file\n"
                + "Run 'java -jar cors-agent.jar explain --help' for its usage.\n", usage.err());
    }
}
