package io.corsagent.tests.attach;

import static io.corsagent.tests.attach.Policies.APP;
import static io.corsagent.tests.attach.Policies.PARTNER;
import static io.corsagent.tests.attach.Policies.allowedPreflight;
import static io.corsagent.tests.attach.Policies.preflight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The life of an agent attached to a server that has been serving requests without it: a refused bad policy,
 * attach, re-attach in audit mode, hot reload, a refused edit, {@code --mode off}. One server JVM per line goes
 * through these steps in order; each step asserts what the server answers and what the CLI said.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AttachToRunningServer {

    /**
     * docs/DESIGN.md section 8: a valid edit takes effect within 2 s. The machine running the suite is shared with
     * other builds, so the tests allow one more second before they call it a failure.
     */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(3);

    private final ServerLine line;
    private final String[] jvmOptions;
    private ServerProcess server;
    private String pid;
    private PolicyFile policy;
    private Path invalidPolicy;
    /** The preflight answer of the server without the agent: the app's auth filter rejects it. */
    private RawHttp.Response withoutAgent;

    AttachToRunningServer(ServerLine line, String... jvmOptions) {
        this.line = line;
        this.jvmOptions = jvmOptions;
    }

    @BeforeAll
    void startServerWithoutAgent() throws IOException {
        server = ServerProcess.startUnshared(line, jvmOptions);
        pid = Long.toString(server.pid());
        Path directory = Files.createTempDirectory("cors-attach-");
        policy = PolicyFile.write(directory.resolve("policy.properties"), Policies.APP_ONLY);
        invalidPolicy = Files.writeString(directory.resolve("invalid.properties"), Policies.INVALID);
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    /** Whether the target is Java 21+ without -XX:+EnableDynamicAgentLoading (JEP 451). */
    boolean printsDynamicAgentWarning() {
        return false;
    }

    private int port() {
        return server.port();
    }

    @Test
    @Order(1)
    void theServerHasServedRequestsWithoutTheAgent() throws Exception {
        withoutAgent = preflight(port(), APP);
        assertEquals(401, withoutAgent.status(), withoutAgent::toString);
        assertEquals(List.of(), withoutAgent.accessControlHeaders(), withoutAgent::toString);
        AttachCli.Run status = AttachCli.run("status", pid);
        assertEquals(1, status.exitCode(), status::toString);
        assertTrue(status.out().contains("cors-agent is not loaded in this JVM"), status::toString);
    }

    @Test
    @Order(2)
    void attachWithABadPolicyFailsWithItsErrorsAndChangesNothing() throws Exception {
        AttachCli.Run run = AttachCli.run("attach", pid, invalidPolicy.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains(invalidPolicy + ":1: error: allowed-origins:"), run::toString);
        assertTrue(run.err().contains("nothing was attached and the target is unchanged"), run::toString);
        assertUntouched(preflight(port(), APP));
        assertEquals(1, AttachCli.run("status", pid).exitCode(), "the agent got loaded");
    }

    @Test
    @Order(3)
    void attachEnforcesThePolicyOnTheNextRequest() throws Exception {
        AttachCli.Run run = AttachCli.run("attach", pid, policy.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Pattern.compile("cors-agent attached to " + pid + " \\(" + Pattern.quote(line.processName())
                + ", Java [^)]+\\), confirmed by the target after \\d+ ms\n  mode    enforce \\(from the policy file\\)\n")
                .matcher(run.out()).find(), run::toString);

        RawHttp.Response response = preflight(port(), APP);
        assertEquals(204, response.status(), response::toString);
        assertEquals(allowedPreflight(APP), response.accessControlHeaders(), response::toString);
        if (printsDynamicAgentWarning()) {
            server.awaitLine(l -> l.startsWith("WARNING: A Java agent has been loaded dynamically"),
                    Duration.ofSeconds(5));
            assertTrue(run.err().contains("Note: process " + pid + " runs Java "), run::toString);
            assertTrue(run.err().contains("Start it with -XX:+EnableDynamicAgentLoading to allow attach without the"
                    + " warning"), run::toString);
        } else {
            assertEquals("", run.err(), run::toString);
        }

        awaitStatus(s -> "1".equals(s.get("preflights-answered")));
        AttachCli.Run status = AttachCli.run("status", pid);
        assertEquals(0, status.exitCode(), status::toString);
        Map<String, String> fields = status.fields();
        assertEquals("active", fields.get("state"), status::toString);
        assertEquals("enforce", fields.get("mode"), status::toString);
        assertEquals("policy file", fields.get("mode-source"), status::toString);
        assertEquals(policy.toString(), fields.get("policy"), status::toString);
        assertTrue(fields.get("last-load").startsWith("attach ok at "), status::toString);
        assertEquals("0", fields.get("preflights-refused"), status::toString);
        assertEquals("0", fields.get("errors"), status::toString);

        AttachCli.Run list = AttachCli.run("list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(Pattern.compile("(?m)^" + pid + " +\\S+ +enforce +" + Pattern.quote(line.processName()) + "$")
                .matcher(list.out()).find(), list::toString);
    }

    @Test
    @Order(4)
    void reattachInAuditModeLeavesResponsesUntouchedAndInstrumentsNothingTwice() throws Exception {
        AttachCli.Run run = AttachCli.run("attach", pid, policy.toString(), "--mode", "audit");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("cors-agent reconfigured in " + pid + " "), run::toString);
        assertTrue(run.out().contains("  mode    audit (from --mode, until the next attach)\n"), run::toString);
        assertTrue(run.out().contains("(already installed; nothing was instrumented again)"), run::toString);

        assertUntouched(preflight(port(), APP));
        assertEquals(1, server.output().stream().filter(l -> l.contains("cors-agent INFO: hooks installed:")).count(),
                () -> "hooks installed more than once:\n" + String.join("\n", server.output()));
    }

    @Test
    @Order(5)
    void aReloadKeepsTheModeGivenOnTheCommandLine() throws Exception {
        policy.publish(Policies.APP_AND_PARTNER);
        awaitStatus(s -> s.get("last-load").startsWith("reload ok at "));
        AttachCli.Run status = AttachCli.run("status", pid);
        assertEquals("audit", status.fields().get("mode"), status::toString);
        assertEquals("command line", status.fields().get("mode-source"), status::toString);
        assertUntouched(preflight(port(), PARTNER));
    }

    @Test
    @Order(6)
    void anEditOfThePolicyFileTakesEffectWithinTheDeadline() throws Exception {
        policy.publish(Policies.APP_ONLY);
        AttachCli.Run run = AttachCli.run("attach", pid, policy.toString(), "--mode", "enforce");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(403, preflight(port(), PARTNER).status(), "the partner origin is not in the policy yet");

        long published = System.nanoTime();
        policy.publish(Policies.APP_AND_PARTNER);
        RawHttp.Response response;
        do {
            response = preflight(port(), PARTNER);
        } while (response.status() != 204 && System.nanoTime() - published < RELOAD_DEADLINE.toNanos());
        assertEquals(204, response.status(), () -> "the edit did not take effect within " + RELOAD_DEADLINE);
        assertEquals(allowedPreflight(PARTNER), preflightHeaders(PARTNER));
    }

    @Test
    @Order(7)
    void anInvalidEditIsRefusedAndTheOldPolicyStays() throws Exception {
        policy.publish(Policies.INVALID);
        server.awaitLine(l -> l.contains("the new policy has errors and was not applied; the previous policy stays"
                + " in effect (reload)"), Duration.ofSeconds(10));
        assertEquals(allowedPreflight(PARTNER), preflightHeaders(PARTNER));
        AttachCli.Run status = AttachCli.run("status", pid);
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("enforce", status.fields().get("mode"), status::toString);
        assertTrue(status.fields().get("last-load").startsWith("reload failed at "), status::toString);
    }

    @Test
    @Order(8)
    void modeOffStopsAllEnforcement() throws Exception {
        policy.publish(Policies.APP_AND_PARTNER);
        AttachCli.Run run = AttachCli.run("attach", pid, policy.toString(), "--mode", "off");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  mode    off (from --mode, until the next attach)\n"), run::toString);
        assertUntouched(preflight(port(), APP));
        assertUntouched(preflight(port(), PARTNER));
    }

    private List<String> preflightHeaders(String origin) throws IOException {
        RawHttp.Response response = preflight(port(), origin);
        assertEquals(204, response.status(), response::toString);
        return response.accessControlHeaders();
    }

    /** The same status and headers (the Date aside) as the server gave before the agent came. */
    private void assertUntouched(RawHttp.Response response) {
        assertEquals(withoutAgent.statusLine(), response.statusLine(), response::toString);
        assertEquals(withoutDate(withoutAgent), withoutDate(response), response::toString);
        assertEquals(withoutAgent.body(), response.body(), response::toString);
    }

    private static List<RawHttp.Header> withoutDate(RawHttp.Response response) {
        return response.headers().stream().filter(h -> !h.is("Date")).toList();
    }

    private void awaitStatus(Predicate<Map<String, String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AttachCli.Run status;
        do {
            status = AttachCli.run("status", pid);
            if (condition.test(status.fields())) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("status never showed the expected state:\n" + status);
    }
}
