package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static io.corsagent.tests.containers.Fixtures.ALLOWED_BY_WILDCARD;
import static io.corsagent.tests.containers.Fixtures.EVIL;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import io.corsagent.tests.containers.Fixtures.Counters;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the agent in enforce mode guarantees on every container line (DESIGN.md section 2). A line is a subclass
 * naming its {@link ServerLine}; every assertion here runs against that line's server, forked with
 * {@code -javaagent} (and, for comparisons, the same line without the agent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerContract {

    /** The preflight answer the test policy (policy/enforce.properties) gives an allowed origin on /app/**. */
    static final List<String> ALLOWED_PREFLIGHT_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-headers: Content-Type, Authorization, X-Requested-With",
            "access-control-allow-methods: GET, POST, PUT, DELETE",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-max-age: 600");

    /** What the policy adds to an allowed actual request on /app/**, in place of whatever the app set. */
    static final List<String> ALLOWED_ACTUAL_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-expose-headers: X-Served-Path");

    private final ServerLine line;
    private ServerProcess agent;

    protected ContainerContract(ServerLine line) {
        this.line = line;
    }

    @BeforeAll
    void startServer() {
        agent = ServerProcess.shared(line, ServerProcess.agentArgument("enforce.properties"));
    }

    private ServerProcess withoutAgent() {
        return ServerProcess.shared(line, null);
    }

    // ---- preflights -------------------------------------------------------------------------------------------

    @Test
    void allowedPreflightOnAnAppPathIsAnsweredBeforeTheAuthFilter() throws Exception {
        Counters before = counters();
        RawHttp.Response response = preflight("/app/api/data", ALLOWED, "PUT", "content-type,x-requested-with");
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertEquals("", response.body(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void allowedPreflightOnASecurePathIsAnsweredBeforeContainerSecurity() throws Exception {
        Counters before = counters();
        RawHttp.Response response = preflight("/app/secure/data", ALLOWED, "DELETE", null);
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void preflightFromASubdomainWildcardIsAllowed() throws Exception {
        RawHttp.Response response = preflight("/app/api/data", ALLOWED_BY_WILDCARD, "POST", "content-type");
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_BY_WILDCARD, response.header("Access-Control-Allow-Origin"), response::toString);
    }

    @Test
    void refusedPreflightsGet403WithoutCorsHeaders() throws Exception {
        Counters before = counters();
        List<RawHttp.Response> refused = List.of(
                preflight("/app/api/data", EVIL, "PUT", null),
                preflight("/app/secure/data", EVIL, "GET", null),
                preflight("/app/api/data", ALLOWED, "PATCH", null),
                preflight("/app/api/data", ALLOWED, "PUT", "x-not-allowed"),
                preflight("/app/api/data", "https://app.example.com.evil.net", "PUT", null));
        for (RawHttp.Response response : refused) {
            assertEquals(403, response.status(), response::toString);
            assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        }
        assertEquals(before, counters(), "the auth filter or the app saw a refused preflight");
    }

    @Test
    void answeredPreflightAppearsInTheContainersAccessLog() throws Exception {
        RawHttp.Response response = preflight("/app/api/logged", ALLOWED, "PUT", null);
        assertEquals(204, response.status(), response::toString);
        agent.awaitLine(l -> l.equals("ACCESS OPTIONS /app/api/logged 204"), Duration.ofSeconds(5));
    }

    // ---- actual requests ----------------------------------------------------------------------------------------

    @Test
    void the401OfTheAuthFilterCarriesTheCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).send(agent.port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Bearer realm=\"test-app\"", response.header("WWW-Authenticate"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void the401OfContainerSecurityCarriesTheCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/secure/data").origin(ALLOWED).send(agent.port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"cors-test\"", basicChallenge(response), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void allowedOriginGetsThePolicysHeadersInPlaceOfTheAppsAndVaryIsMerged() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body());
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void disallowedOriginGetsNoCorsHeadersAlthoughTheAppReflectsIt() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body());
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void sendErrorWithAnAllowedOriginCarriesExactlyThePolicysHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data?error=418").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(418, response.status(), response::toString);
        assertEquals("error page 418\n", response.body());
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertTrue(response.varyTokens().contains("Origin"), response::toString);
    }

    @Test
    void sendErrorWithADisallowedOriginCarriesNoCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data?error=503").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(503, response.status(), response::toString);
        assertEquals("error page 503\n", response.body());
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
    }

    @Test
    void headersSetAgainAfterResetAreReplaced() throws Exception {
        RawHttp.Response allowed = RawHttp.request("GET", "/app/api/data?reset").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(200, allowed.status(), allowed::toString);
        assertEquals("GET /app/api/data\n", allowed.body(), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        // Whether reset() drops the app's earlier Vary differs between containers (Tomcat 10.1+ and Jetty ee10
        // keep it); Origin must be there exactly once either way.
        assertEquals(1, allowed.varyTokens().stream().filter("Origin"::equals).count(), allowed::toString);
        RawHttp.Response refused = RawHttp.request("GET", "/app/api/data?reset").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(List.of(), refused.accessControlHeaders(), refused::toString);
    }

    @Test
    void aResponseCommittedEarlyByFlushBufferCarriesThePolicysHeaders() throws Exception {
        RawHttp.Response allowed = RawHttp.request("GET", "/app/api/data?flush").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(200, allowed.status(), allowed::toString);
        assertEquals("GET /app/api/data\n", allowed.body(), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        RawHttp.Response refused = RawHttp.request("GET", "/app/api/data?flush").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(List.of(), refused.accessControlHeaders(), refused::toString);
    }

    @Test
    void optionsWithoutRequestMethodIsAnActualRequest() throws Exception {
        RawHttp.Response response = RawHttp.request("OPTIONS", "/app/api/data").origin(ALLOWED)
                .send(agent.port());
        assertEquals(401, response.status(), "the auth filter must see it: " + response);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    // ---- what the agent leaves alone ------------------------------------------------------------------------------

    @Test
    void nonCorsAndSameOriginRequestsAreServedAsWithoutTheAgent() throws Exception {
        List<IntFunction<RawHttp.Builder>> requests = List.of(
                port -> RawHttp.request("GET", "/app/api/data").bearer(),
                port -> RawHttp.request("GET", "/app/api/data"),
                port -> RawHttp.request("POST", "/app/api/data").bearer().header("Content-Length", "0"),
                port -> RawHttp.request("GET", "/app/secure/data").basicAuth(),
                port -> RawHttp.request("GET", "/app/secure/data"),
                port -> RawHttp.request("GET", "/app/api/data?error=418").bearer(),
                port -> RawHttp.request("GET", "/app/public/data").bearer(),
                port -> RawHttp.request("GET", "/nowhere"),
                port -> RawHttp.request("GET", "/app/api/data").bearer().origin("http://localhost:" + port),
                port -> RawHttp.request("OPTIONS", "/app/api/data").bearer().origin("http://localhost:" + port)
                        .header("Access-Control-Request-Method", "PUT"));
        ServerProcess plain = withoutAgent();
        for (IntFunction<RawHttp.Builder> request : requests) {
            RawHttp.Response with = request.apply(agent.port()).send(agent.port());
            RawHttp.Response without = request.apply(plain.port()).send(plain.port());
            assertEquals(comparable(without, plain.port()), comparable(with, agent.port()), () -> "with the agent:\n" + with
                    + "\nwithout:\n" + without);
            assertTrue(with.all("Vary").size() <= 1, with::toString);
        }
    }

    /**
     * Status, headers and body, minus what the agent may change on a non-CORS response; the server's port (Jetty's
     * error pages show the request URL) is masked, as the two servers listen on different ports.
     */
    private static String comparable(RawHttp.Response response, int port) {
        List<String> headers = new ArrayList<>();
        for (RawHttp.Header header : response.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("date") || name.startsWith("access-control-") || name.equals("vary")) {
                continue;
            }
            headers.add(name + ": " + header.value());
        }
        List<String> vary = new ArrayList<>(response.varyTokens());
        vary.remove("Origin");
        if (!vary.isEmpty()) {
            headers.add("vary: " + String.join(", ", vary));
        }
        headers.sort(null);
        return response.statusLine() + "\n" + String.join("\n", headers) + "\n\n"
                + response.body().replace("localhost:" + port, "localhost:<port>");
    }

    // ---- path tricks: the rule is chosen by the path the container serves -----------------------------------------

    @Test
    void thePublicRuleAllowsAnyOriginWithoutCredentials() throws Exception {
        RawHttp.Response response = preflight("/app/public/data", EVIL, "GET", null);
        assertEquals(204, response.status(), response::toString);
        assertEquals("*", response.header("Access-Control-Allow-Origin"), response::toString);
        assertNull(response.header("Access-Control-Allow-Credentials"), response::toString);
    }

    @Test
    void pathTricksAreDecidedByTheServedPath() throws Exception {
        List<String> tricks = List.of(
                "/app/public/../secure/data",
                "/app/public/%2e%2e/secure/data",
                "/app/public/%2E%2E/secure/data",
                "/app/public/..;jsessionid=abc/secure/data",
                "/app/secure/data;jsessionid=abc",
                "/app/public;x=y/../secure/data",
                "/app//public/../secure/data",
                "/app/secure/../public/data");
        for (String trick : tricks) {
            RawHttp.Response served = RawHttp.request("GET", trick).basicAuth().send(withoutAgent().port());
            RawHttp.Response preflight = preflight(trick, EVIL, "GET", null);
            RawHttp.Response actual = RawHttp.request("GET", trick).basicAuth().origin(EVIL).send(agent.port());
            String context = trick + " served without the agent as:\n" + served + "\npreflight:\n" + preflight
                    + "\nactual:\n" + actual;
            if (served.status() != 200) {
                // The container refuses the path itself: so must it with the agent, and nothing is allowed.
                assertEquals(served.status(), preflight.status(), context);
                assertEquals(served.status(), actual.status(), context);
                assertEquals(List.of(), preflight.accessControlHeaders(), context);
                assertEquals(List.of(), actual.accessControlHeaders(), context);
                continue;
            }
            String servedPath = served.header("X-Served-Path");
            assertEquals(servedPath, actual.header("X-Served-Path"), context);
            if (servedPath.startsWith("/app/public/")) {
                assertEquals(204, preflight.status(), context);
                assertEquals("*", preflight.header("Access-Control-Allow-Origin"), context);
                assertEquals("*", actual.header("Access-Control-Allow-Origin"), context);
            } else {
                assertEquals(403, preflight.status(), context);
                assertEquals(List.of(), preflight.accessControlHeaders(), context);
                assertEquals(List.of(), actual.accessControlHeaders(), context);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private RawHttp.Response preflight(String path, String origin, String method, String headers) throws IOException {
        RawHttp.Builder request = RawHttp.request("OPTIONS", path).origin(origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return request.send(agent.port());
    }

    /** See {@link Fixtures#basicChallenge}: Tomcat 11 adds a charset, Jetty 9.4 and 11 write the scheme lower case. */
    private static String basicChallenge(RawHttp.Response response) {
        return Fixtures.basicChallenge(response.header("WWW-Authenticate"));
    }

    private Counters counters() throws IOException {
        return Counters.read(agent.port());
    }
}
