package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults around the agent, each on a Tomcat 9 JVM of its own: the policy file deleted or replaced by something that
 * cannot be read; the log file on a full disk or impossible to open; an exception inside the agent (the test-only
 * switch {@code -Dcors-agent.test.fail-in}). Each time the application keeps serving, one line says what happened,
 * and a counter of the status property counts it.
 *
 * <p>That the watcher waits for a policy written in several steps to be complete is a rule about ticks, not time:
 * {@code PolicyWatcherTest} drives the ticks by hand. Here it would depend on sleeps and on the machine's load.
 *
 * <p>The tests run as root, for whom {@code chmod 000} does not stop a read: an unreadable policy is a directory
 * put in the file's place, which fails every read for every user.
 */
class FaultsTest {

    private static final String NEW_ORIGIN = "https://new.example.com";
    private static final String POLICY = "allowed-origins = " + ALLOWED + "\nallowed-methods = PUT\n";
    private static final String REFUSED_LOAD = "the new policy has errors and was not applied";

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ServerProcess::stop);
    }

    // ---- the policy file ----------------------------------------------------------------------------------------

    @Test
    void aDeletedOrUnreadablePolicyLeavesThePreviousOneInEffect() throws Exception {
        Path policy = write("policy.properties", POLICY);
        ServerProcess server = start(policy);

        Files.delete(policy);
        server.awaitLine(l -> l.contains("no such file"), Duration.ofSeconds(10));
        StatusProperty.await(server.pid(), "loads-refused", "1");
        assertEquals(204, preflight(server, ALLOWED), "the previous policy stays in effect");

        Files.createDirectory(policy);
        server.awaitLine(l -> l.contains("cannot read the policy file") && l.contains("directory"),
                Duration.ofSeconds(10));
        StatusProperty.await(server.pid(), "loads-refused", "2");
        assertEquals(204, preflight(server, ALLOWED), "the previous policy stays in effect");
        Thread.sleep(1500);
        assertEquals(2, count(server, REFUSED_LOAD), "one line per refused load, not one per watcher tick");

        // The safe way to publish a policy: write it beside, then rename it over the old one in one step. A file
        // cannot be renamed over a directory, so the directory goes just before: the missing file would count as a
        // version only if it stayed missing for two quiet ticks (500 ms), not for the two calls in between.
        Path next = write("policy.properties.next", "allowed-origins = " + NEW_ORIGIN + "\nallowed-methods = PUT\n");
        Files.delete(policy);
        Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE);
        awaitActivations(server, 2);
        assertEquals(204, preflight(server, NEW_ORIGIN));
        assertEquals(403, preflight(server, ALLOWED));
        assertEquals("2", StatusProperty.read(server.pid()).get("loads-refused"));
    }

    // ---- the log file -------------------------------------------------------------------------------------------

    @Test
    void aLogFileOnAFullDiskIsSaidOnceAndCounted() throws Exception {
        ServerProcess server = start(write("policy.properties", POLICY + "log.file = /dev/full\n"));
        for (int i = 0; i < 3; i++) {
            assertEquals(403, preflight(server, "https://evil.example.net"), "refused, and logged as a finding");
            assertEquals(204, preflight(server, ALLOWED));
        }
        server.awaitLine(l -> l.equals("cors-agent: cannot write the log file /dev/full (java.io.IOException: No space"
                + " left on device); log entries are dropped and counted (log-failures in the system property"
                + " cors-agent.status); the application is unaffected"), Duration.ofSeconds(10));
        Map<String, String> status = StatusProperty.await(server.pid(), "preflights-refused", "3");
        // At least: hooks installed, active, the refused preflights' finding (logged once): all dropped, all counted.
        assertTrue(Long.parseLong(status.get("log-failures")) >= 3, status::toString);
        assertEquals("0", status.get("errors"));
        assertEquals(1, count(server, "cannot write the log file"));
        assertEquals(0, count(server, "LOGGER ERROR"));
    }

    @Test
    void aLogFileThatCannotBeOpenedIsReplacedByStderr() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("log"));
        ServerProcess server = start(write("policy.properties", POLICY + "log.file = " + notAFile + "\n"));
        assertEquals(204, preflight(server, ALLOWED));
        server.awaitLine(l -> l.startsWith("cors-agent: cannot open the log file " + notAFile)
                && l.endsWith("the agent logs to stderr instead"), Duration.ofSeconds(10));
        server.awaitLine(l -> l.contains("cors-agent INFO: policy in effect: mode enforce"), Duration.ofSeconds(10));
        assertEquals("1", StatusProperty.await(server.pid(), "log-failures", "1").get("log-failures"));
        assertEquals(0, count(server, "LOGGER ERROR"));
    }

    // ---- a failure inside the agent ----------------------------------------------------------------------------

    /**
     * Wherever the agent fails, the request goes on as without the agent (the test app reflects the Origin itself),
     * one line names each failing hook, and every failure is counted. A failure in Tomcat's entry advice leaves the
     * request to the servlet-level fallback, which fails in turn here: two hooks, two failures per request.
     */
    @ParameterizedTest(name = "fail-in={0}")
    @CsvSource({"enter, enter, 3", "answer, tomcat.entry servlet.entry, 6", "commit, commit, 3"})
    void aFailureInsideTheAgentNeverReachesTheApplication(String point, String hooks, int errors) throws Exception {
        ServerProcess server = start(write("policy.properties", POLICY), "-Dcors-agent.test.fail-in=" + point);
        for (int i = 0; i < 3; i++) {
            RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer()
                    .send(server.port());
            assertEquals(200, response.status(), response::toString);
            assertEquals("GET /app/api/data\n", response.body(), response::toString);
            assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), "the app's own reflection");
            assertEquals(List.of("Accept-Encoding"), response.varyTokens(), "the app's own Vary, no Origin added");
        }
        for (String hook : hooks.split(" ")) {
            server.awaitLine(l -> l.contains("internal error in hook '" + hook + "'"), Duration.ofSeconds(10));
        }
        StatusProperty.await(server.pid(), "errors", Integer.toString(errors));
        assertEquals(hooks.split(" ").length, count(server, "internal error in hook"), "logged once, then counted");
    }

    /**
     * Advice that fails to link (a member missing from the container release) fails the same way on every request:
     * its hook is switched off, its classes restored, and the state says so. The servlet-level fallback, which fails
     * here too but belongs to no container hook, stays: each later request fails once, not twice.
     */
    @Test
    void aHookWhoseAdviceFailsToLinkIsSwitchedOffAndItsClassesRestored() throws Exception {
        ServerProcess server = start(write("policy.properties", POLICY), "-Dcors-agent.test.fail-in=link");
        RawHttp.Response first = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer().send(server.port());
        assertEquals(200, first.status(), first::toString);
        server.awaitLine(l -> l.contains("cors-agent ERROR: hook tomcat switched off: its advice failed to link"
                + " (java.lang.NoSuchMethodError: failure injected by"), Duration.ofSeconds(10));
        Map<String, String> status = StatusProperty.await(server.pid(), "state", "degraded");
        assertTrue(status.get("reason").startsWith("hook tomcat switched off: its advice failed to link"),
                status::toString);
        awaitRestored(server);
        long errorsBefore = Long.parseLong(StatusProperty.read(server.pid()).get("errors"));
        for (int i = 0; i < 3; i++) {
            RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer()
                    .send(server.port());
            assertEquals(200, response.status(), response::toString);
        }
        StatusProperty.await(server.pid(), "errors", Long.toString(errorsBefore + 3));
        assertEquals(1, count(server, "internal error in hook 'tomcat.entry'"));
    }

    private static void awaitRestored(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, String> status;
        do {
            status = StatusProperty.read(server.pid());
            if (!status.get("woven").contains("tomcat:") && !status.get("guarding").contains("tomcat")) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("tomcat's classes not restored: " + status);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private ServerProcess start(Path policy, String... options) throws Exception {
        List<String> jvm = new ArrayList<>(List.of(options));
        jvm.add("-javaagent:" + TestPaths.agentJar() + "=" + policy);
        ServerProcess server = ServerProcess.startUnshared(ServerLines.TOMCAT9, jvm.toArray(new String[0]));
        servers.add(server);
        StatusProperty.await(server.pid(), "state", "active");
        return server;
    }

    private static void awaitActivations(ServerProcess server, int times) throws InterruptedException {
        server.awaitLines(l -> l.contains("policy in effect: mode enforce"), times, Duration.ofSeconds(10));
        assertEquals(times, count(server, "policy in effect: mode enforce"), () -> String.join("\n", server.output()));
    }

    private static long count(ServerProcess server, String text) {
        return server.output().stream().filter(l -> l.contains(text)).count();
    }

    private static int preflight(ServerProcess server, String origin) throws IOException {
        return RawHttp.request("OPTIONS", "/app/api/data").origin(origin).header("Access-Control-Request-Method", "PUT")
                .send(server.port()).status();
    }
}
