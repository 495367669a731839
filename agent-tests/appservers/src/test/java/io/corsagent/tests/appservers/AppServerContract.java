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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.corsagent.tests.containers.Fixtures;
import io.corsagent.tests.containers.Fixtures.Counters;
import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.containers.TestPaths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the agent in enforce mode guarantees on an application server started with {@code -javaagent} (added where
 * the server's documentation puts JVM options), against the container lines' policy (policy/enforce.properties):
 * Jolokia's unmodified WAR, all of it under container BASIC auth and reflecting any Origin with credentials, and
 * the test app with the assertions of the container contract that an application server allows (its access log
 * and a second server without the agent are left to the embedded lines). One server per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppServerContract {

    private final AppServer appServer;
    private ServerProcess server;

    @RegisterExtension
    final ServerOutputOnFailure outputOnFailure = new ServerOutputOnFailure(() -> server);

    AppServerContract(AppServer appServer) {
        this.appServer = appServer;
    }

    @BeforeAll
    void startWithTheAgent() {
        server = appServer.start("-javaagent:" + TestPaths.agentJar() + "=" + TestPaths.policy("enforce.properties"));
    }

    /** A hook whose advice fails, or a class the agent cannot transform, would leave the server quietly unguarded. */
    @AfterAll
    void theAgentReportedNoInternalErrorAndStop() {
        try {
            List<String> problems = new ArrayList<>();
            for (String line : server.output()) {
                if (line.contains("internal error in hook") || line.contains("could not instrument")) {
                    problems.add(line);
                }
            }
            assertEquals(List.of(), problems, "the agent's log on " + appServer);
        } finally {
            server.stop();
        }
    }

    /** The server started for this class, with the agent in it. */
    public ServerProcess server() {
        return server;
    }

    private int port() {
        return server.port();
    }

    // ---- Jolokia: an unmodified third-party WAR under container security ----------------------------------------

    @Test
    void jolokiaPreflightFromAnAllowedOriginIsAnsweredAheadOfContainerSecurity() throws Exception {
        RawHttp.Response response = jolokiaPreflight(port(), ALLOWED);
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals("", response.body(), response::toString);
    }

    @Test
    void jolokiaPreflightFromAnotherOriginIsRefused() throws Exception {
        RawHttp.Response response = jolokiaPreflight(port(), EVIL);
        assertEquals(403, response.status(), response::toString);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
    }

    @Test
    void jolokiasReflectionOfAForeignOriginWithCredentialsIsRemoved() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(EVIL).basicAuth().send(port());
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().contains("\"agent\""), response::toString);
        assertEquals(List.of(), linesCarrying(response, EVIL), () -> "Jolokia's reflected origin is left in:\n" + response);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
    }

    @Test
    void jolokiaAnswersAnAllowedOriginWithExactlyThePolicysHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).basicAuth().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(List.of(ALLOWED), response.all("Access-Control-Allow-Origin"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void the401OfContainerSecurityInFrontOfJolokiaIsReadable() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).send(port());
        assertEquals(401, response.status(), response::toString);
        assertTrue(Fixtures.basicChallenge(response.header("WWW-Authenticate")).startsWith("Basic realm="),
                response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    // ---- the test app as a WAR ------------------------------------------------------------------------------------

    @Test
    void allowedPreflightOnAnAppPathIsAnsweredBeforeTheAuthFilter() throws Exception {
        Counters before = counters();
        RawHttp.Response response = preflight(port(), "/app/api/data", ALLOWED, "PUT", "content-type,x-requested-with");
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertEquals("", response.body(), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void allowedPreflightOnASecurePathIsAnsweredBeforeContainerSecurity() throws Exception {
        Counters before = counters();
        RawHttp.Response response = preflight(port(), "/app/secure/data", ALLOWED, "DELETE", null);
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void refusedPreflightsGet403WithoutCorsHeaders() throws Exception {
        Counters before = counters();
        for (RawHttp.Response response : List.of(
                preflight(port(), "/app/api/data", EVIL, "PUT", null),
                preflight(port(), "/app/secure/data", EVIL, "GET", null),
                preflight(port(), "/app/api/data", ALLOWED, "PATCH", null),
                preflight(port(), "/app/api/data", ALLOWED, "PUT", "x-not-allowed"))) {
            assertEquals(403, response.status(), response::toString);
            assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        }
        assertEquals(before, counters(), "the auth filter or the app saw a refused preflight");
    }

    @Test
    void the401OfTheAuthFilterCarriesTheCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).send(port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Bearer realm=\"test-app\"", response.header("WWW-Authenticate"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void the401OfContainerSecurityCarriesTheCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/secure/data").origin(ALLOWED).send(port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"cors-test\"", Fixtures.basicChallenge(response.header("WWW-Authenticate")),
                response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void allowedOriginGetsThePolicysHeadersInPlaceOfTheAppsAndVaryIsMerged() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body(), response::toString);
        assertEquals(List.of(ALLOWED), response.all("Access-Control-Allow-Origin"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void disallowedOriginGetsNoCorsHeadersAlthoughTheAppReflectsIt() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(EVIL).bearer().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body(), response::toString);
        assertEquals(List.of(), linesCarrying(response, EVIL), () -> "the app's reflected origin is left in:\n" + response);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
    }

    @Test
    void sendErrorCarriesExactlyThePolicysHeadersOnTheErrorPage() throws Exception {
        RawHttp.Response allowed = RawHttp.request("GET", "/app/api/data?error=418").origin(ALLOWED).bearer()
                .send(port());
        assertEquals(418, allowed.status(), allowed::toString);
        assertEquals("error page 418\n", allowed.body(), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        RawHttp.Response refused = RawHttp.request("GET", "/app/api/data?error=503").origin(EVIL).bearer()
                .send(port());
        assertEquals(503, refused.status(), refused::toString);
        assertEquals("error page 503\n", refused.body(), refused::toString);
        assertEquals(List.of(), linesCarrying(refused, EVIL), refused::toString);
        assertEquals(List.of(), refused.accessControlHeaders(), refused::toString);
    }

    @Test
    void strictRuleRejectsADisallowedOriginBeforeContainerSecurityAndTheApp() throws Exception {
        Counters before = counters();
        RawHttp.Response refused = RawHttp.request("GET", "/app/strict/data").origin(EVIL).bearer().send(port());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals(List.of(), refused.accessControlHeaders(), refused::toString);
        assertEquals(before, counters(), "the auth filter or the app saw a strictly rejected request");
    }

    // ---- what the agent says about itself -------------------------------------------------------------------------

    @Test
    void statusShowsTheEntryHookGuardingAndCountsTheRequestsItSees() throws Exception {
        GuardStatus.assertGuardingThrough(server.pid(), appServer.entryHook());
        Map<String, String> before = GuardStatus.read(server.pid());
        assertEquals(204, jolokiaPreflight(port(), ALLOWED).status());
        GuardStatus.awaitOneMorePreflightAnswered(server.pid(), appServer.entryHook(), before);
    }

    @Test
    void theAgentsInfoLinesDoNotShowAsErrorsInTheServersConsole() throws Exception {
        server.awaitLine(l -> l.contains("cors-agent INFO: policy in effect: mode enforce"), Duration.ofSeconds(10));
        List<String> console = server.output();
        List<String> shownAsErrors = IntStream.range(0, console.size())
                .filter(i -> console.get(i).contains("cors-agent INFO:") && appServer.showsAsError(console, i))
                .mapToObj(console::get).toList();
        assertEquals(List.of(), shownAsErrors, "the agent's INFO lines in " + appServer + "'s console");
    }

    private Counters counters() throws Exception {
        return Counters.read(port());
    }
}
