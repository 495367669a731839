package io.corsagent.tests.appservers;

import static io.corsagent.tests.appservers.Requests.JOLOKIA_VERSION;
import static io.corsagent.tests.appservers.Requests.jolokiaPreflight;
import static io.corsagent.tests.appservers.Requests.linesCarrying;
import static io.corsagent.tests.appservers.Requests.preflight;
import static io.corsagent.tests.containers.ContainerContract.ALLOWED_ACTUAL_HEADERS;
import static io.corsagent.tests.containers.ContainerContract.ALLOWED_PREFLIGHT_HEADERS;
import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static io.corsagent.tests.containers.Fixtures.EVIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.corsagent.tests.attach.AttachCli;
import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cors-agent attach} to an application server that has been serving without the agent, as an operator does
 * it: first in audit mode (responses untouched, the findings logged), then in enforce mode (the contract's core on
 * Jolokia and on the test app). One server per class, through these steps in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AttachToAppServer {

    private static final Duration LOGGED = Duration.ofSeconds(15);

    private final AppServer appServer;
    private ServerProcess server;
    private String pid;
    private String policy;
    /** Jolokia's answers without the agent: the preflight rejected by container security, the origin reflected. */
    private RawHttp.Response preflightWithoutAgent;
    private RawHttp.Response reflectionWithoutAgent;

    @RegisterExtension
    final ServerOutputOnFailure outputOnFailure = new ServerOutputOnFailure(() -> server);

    AttachToAppServer(AppServer appServer) {
        this.appServer = appServer;
    }

    @BeforeAll
    void startWithoutTheAgent() {
        server = appServer.start(null);
        pid = Long.toString(server.pid());
        policy = TestPaths.policy("enforce.properties").toString();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    /** The server started for this class, the agent attached to it from step 2 on. */
    public ServerProcess server() {
        return server;
    }

    private int port() {
        return server.port();
    }

    @Test
    @Order(1)
    void withoutTheAgentContainerSecurityRejectsPreflightsAndJolokiaReflectsAnyOrigin() throws Exception {
        preflightWithoutAgent = jolokiaPreflight(port(), ALLOWED);
        assertEquals(401, preflightWithoutAgent.status(), preflightWithoutAgent::toString);
        reflectionWithoutAgent = RawHttp.request("GET", JOLOKIA_VERSION).origin(EVIL).basicAuth().send(port());
        assertEquals(200, reflectionWithoutAgent.status(), reflectionWithoutAgent::toString);
        assertEquals(EVIL, reflectionWithoutAgent.header("Access-Control-Allow-Origin"), reflectionWithoutAgent::toString);
        assertEquals("true", reflectionWithoutAgent.header("Access-Control-Allow-Credentials"),
                reflectionWithoutAgent::toString);

        AttachCli.Run status = AttachCli.run("status", pid);
        assertEquals(1, status.exitCode(), status::toString);
        assertTrue(status.out().contains("cors-agent is not loaded in this JVM"), status::toString);
    }

    @Test
    @Order(2)
    void attachInAuditModeLeavesResponsesAsTheyWereAndLogsTheFindings() throws Exception {
        AttachCli.Run run = AttachCli.run("attach", pid, policy, "--mode", "audit");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("confirmed by the target"), run::toString);

        RawHttp.Response preflight = jolokiaPreflight(port(), ALLOWED);
        assertEquals(preflightWithoutAgent.statusLine(), preflight.statusLine(), preflight::toString);
        assertEquals(List.of(), preflight.accessControlHeaders(), preflight::toString);
        RawHttp.Response reflection = RawHttp.request("GET", JOLOKIA_VERSION).origin(EVIL).basicAuth().send(port());
        assertEquals(reflectionWithoutAgent.accessControlHeaders(), reflection.accessControlHeaders(),
                reflection::toString);

        server.awaitLine(l -> l.contains("cors-agent INFO: preflight-would-answer [top-level]: enforce would answer"
                + " the preflight OPTIONS /jolokia/ from " + ALLOWED), LOGGED);
        server.awaitLine(l -> l.contains("cors-agent WARN: misordered-auth [top-level]: the container's security"
                + " constraint rejected the preflight OPTIONS /jolokia/ from " + ALLOWED), LOGGED);
        server.awaitLine(l -> l.contains("cors-agent WARN: app-reflects-origin [top-level]: the app reflects the"
                + " request's Origin") && l.contains("GET " + JOLOKIA_VERSION + " from " + EVIL), LOGGED);
    }

    @Test
    @Order(3)
    void attachInEnforceModeAnswersPreflightsAheadOfContainerSecurityAndRemovesTheReflection() throws Exception {
        AttachCli.Run run = AttachCli.run("attach", pid, policy);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  mode    enforce (from the policy file)\n"), run::toString);

        RawHttp.Response preflight = jolokiaPreflight(port(), ALLOWED);
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, preflight.accessControlHeaders(), preflight::toString);
        RawHttp.Response reflection = RawHttp.request("GET", JOLOKIA_VERSION).origin(EVIL).basicAuth().send(port());
        assertEquals(200, reflection.status(), reflection::toString);
        assertEquals(List.of(), linesCarrying(reflection, EVIL), reflection::toString);
        assertEquals(List.of(), reflection.accessControlHeaders(), reflection::toString);
        RawHttp.Response unauthorized = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).send(port());
        assertEquals(401, unauthorized.status(), unauthorized::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, unauthorized.accessControlHeaders(), unauthorized::toString);

        RawHttp.Response appPreflight = preflight(port(), "/app/secure/data", ALLOWED, "PUT", null);
        assertEquals(204, appPreflight.status(), appPreflight::toString);
        RawHttp.Response appReflection = RawHttp.request("GET", "/app/api/data").origin(EVIL).bearer().send(port());
        assertEquals(200, appReflection.status(), appReflection::toString);
        assertEquals(List.of(), appReflection.accessControlHeaders(), appReflection::toString);
    }

    @Test
    @Order(4)
    void statusShowsTheAttachedAgentGuardingAndCountsTheRequestsItSees() throws Exception {
        GuardStatus.assertGuardingThrough(server.pid(), appServer.entryHook());
        AttachCli.Run status = AttachCli.run("status", pid);
        assertTrue(status.fields().get("last-load").startsWith("attach ok at "), status::toString);
        Map<String, String> before = GuardStatus.read(server.pid());
        assertEquals(204, jolokiaPreflight(port(), ALLOWED).status());
        GuardStatus.awaitOneMorePreflightAnswered(server.pid(), appServer.entryHook(), before);
    }
}
