package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static io.corsagent.tests.containers.Fixtures.ALLOWED_BY_WILDCARD;
import static io.corsagent.tests.containers.Fixtures.EVIL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.corsagent.tests.containers.Fixtures.Counters;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the agent in enforce mode guarantees on every container line (docs/DESIGN.md section 2). A line is a subclass
 * naming its {@link ServerLine}; every assertion here runs against that line's server, forked with
 * {@code -javaagent} (and, for comparisons, the same line without the agent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerContract {

    /** The preflight answer the test policy (policy/enforce.properties) gives an allowed origin on /app/**. */
    public static final List<String> ALLOWED_PREFLIGHT_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-headers: Content-Type, Authorization, X-Requested-With",
            "access-control-allow-methods: GET, POST, PUT, DELETE",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-max-age: 600");

    /** What the policy adds to an allowed actual request on /app/**, in place of whatever the app set. */
    public static final List<String> ALLOWED_ACTUAL_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-expose-headers: X-Served-Path");

    /** Which of the agent's hooks a line runs with. */
    protected enum Hooks {
        /** The default: the container's entry hook (the servlet-level fallback stands by). */
        ALL,
        /**
         * {@code hooks=servlet}: the servlet-level fallback alone. It acts at the first filter, so container
         * security runs before it: the tests that meet container security expect the container's answer instead.
         */
        SERVLET_FALLBACK
    }

    private final ServerLine line;
    private final Hooks hooks;
    private ServerProcess agent;

    protected ContainerContract(ServerLine line) {
        this(line, Hooks.ALL);
    }

    protected ContainerContract(ServerLine line, Hooks hooks) {
        this.line = line;
        this.hooks = hooks;
    }

    @BeforeAll
    void startServer() {
        agent = startServer(line, hooks == Hooks.ALL
                ? ServerProcess.agentArgument("enforce.properties")
                : ServerProcess.agentArgument("enforce.properties", "hooks=servlet"));
    }

    /**
     * The server under test: the line with cors-agent given this argument, shared. A subclass that runs the line
     * another way (beside another Java agent, the agent given in {@code JAVA_TOOL_OPTIONS}) starts it itself.
     */
    protected ServerProcess startServer(ServerLine line, String agentArgument) {
        return ServerProcess.shared(line, agentArgument);
    }

    /**
     * Advice that fails is suppressed (the request goes on untouched) and a class the agent cannot transform loads
     * unchanged: both are logged, and either would leave a line quietly unprotected.
     */
    @AfterAll
    void theAgentReportedNoInternalError() {
        List<String> problems = new ArrayList<>();
        for (String outputLine : agent.output()) {
            if (outputLine.contains("internal error in hook") || outputLine.contains("could not instrument")) {
                problems.add(outputLine);
            }
        }
        assertEquals(List.of(), problems, "the agent's log on " + line);
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
        if (hooks == Hooks.SERVLET_FALLBACK) {
            // The fallback's limit: container security rejects the preflight before the first filter runs.
            assertEquals(401, response.status(), response::toString);
            assertEquals("Basic realm=\"cors-test\"", basicChallenge(response), response::toString);
            assertNull(response.header("Access-Control-Allow-Methods"), response::toString);
            assertEquals(before, counters(), "the auth filter or the app saw the preflight");
            return;
        }
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
            if (hooks == Hooks.SERVLET_FALLBACK && response == refused.get(1)) {
                // /app/secure/data: container security answers before the fallback can (see the class comment).
                assertEquals(401, response.status(), response::toString);
                assertNull(response.header("Access-Control-Allow-Methods"), response::toString);
                continue;
            }
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
        if (hooks == Hooks.SERVLET_FALLBACK) {
            // Container security answers before the fallback runs: its 401 (and the app's error page, with the
            // app's own CORS headers) go out exactly as without the agent.
            RawHttp.Response without = RawHttp.request("GET", "/app/secure/data").origin(ALLOWED)
                    .send(withoutAgent().port());
            assertEquals(exactly(without), exactly(response), response::toString);
            return;
        }
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void allowedOriginGetsThePolicysHeadersInPlaceOfTheAppsAndVaryIsMerged() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body());
        assertEquals(List.of(ALLOWED), response.all("Access-Control-Allow-Origin"),
                () -> "exactly one Access-Control-Allow-Origin line (a browser joins several and refuses):\n" + response);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void disallowedOriginGetsNoCorsHeadersAlthoughTheAppReflectsIt() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body());
        assertEquals(List.of(), linesCarrying(response, EVIL), () -> "the app's reflected origin is left in:\n" + response);
        assertEquals(List.of(), effectiveAccessControlHeaders(response), response::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
    }

    @Test
    void sendErrorWithAnAllowedOriginCarriesExactlyThePolicysHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data?error=418").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(418, response.status(), response::toString);
        assertEquals("error page 418\n", response.body());
        assertEquals(List.of(ALLOWED), response.all("Access-Control-Allow-Origin"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
        assertTrue(response.varyTokens().contains("Origin"), response::toString);
    }

    @Test
    void sendErrorWithADisallowedOriginCarriesNoCorsHeaders() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data?error=503").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(503, response.status(), response::toString);
        assertEquals("error page 503\n", response.body());
        assertEquals(List.of(), linesCarrying(response, EVIL), response::toString);
        assertEquals(List.of(), effectiveAccessControlHeaders(response), response::toString);
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
        assertEquals(List.of(), linesCarrying(refused, EVIL), refused::toString);
        assertEquals(List.of(), effectiveAccessControlHeaders(refused), refused::toString);
    }

    @Test
    void aResponseCommittedEarlyByFlushBufferCarriesThePolicysHeaders() throws Exception {
        if (hooks == Hooks.SERVLET_FALLBACK) {
            // The fallback's limit: it settles the headers when the first filter returns, and cannot touch a
            // response the app commits before that (Jetty commits on flushBuffer(); Undertow defers a flush before
            // the first write, so the fallback still settles there). Either way the headers are one whole set:
            // the policy's, or the app's own as without the agent, never a mix.
            List<List<String>> policys = List.of(ALLOWED_ACTUAL_HEADERS, List.of());
            List<String> origins = List.of(ALLOWED, EVIL);
            for (int i = 0; i < origins.size(); i++) {
                RawHttp.Response with = RawHttp.request("GET", "/app/api/data?flush").origin(origins.get(i)).bearer()
                        .send(agent.port());
                RawHttp.Response without = RawHttp.request("GET", "/app/api/data?flush").origin(origins.get(i))
                        .bearer().send(withoutAgent().port());
                assertEquals(200, with.status(), with::toString);
                assertTrue(with.accessControlHeaders().equals(policys.get(i))
                        || with.accessControlHeaders().equals(without.accessControlHeaders()), with::toString);
            }
            return;
        }
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

    @Test
    void strictRejectionRefusesADisallowedOriginBeforeTheAppRuns() throws Exception {
        Counters before = counters();
        RawHttp.Response refused = RawHttp.request("GET", "/app/strict/data").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals(List.of(), refused.accessControlHeaders(), refused::toString);
        assertEquals("", refused.body(), refused::toString);
        assertEquals(before, counters(), "the auth filter or the app saw a strictly rejected request");
        agent.awaitLine(l -> l.equals("ACCESS GET /app/strict/data 403"), Duration.ofSeconds(5));

        RawHttp.Response allowed = RawHttp.request("GET", "/app/strict/data").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(200, allowed.status(), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        RawHttp.Response notCors = RawHttp.request("GET", "/app/strict/data").bearer().send(agent.port());
        assertEquals(200, notCors.status(), notCors::toString);
    }

    @Test
    void aContextPathWrittenAnotherWayMeetsTheSameStrictRule() throws Exception {
        for (String trick : List.of("/app;x=y/strict/data", "/ap%70/strict/data", "/%61pp/strict/data")) {
            RawHttp.Response served = RawHttp.request("GET", trick).bearer().send(withoutAgent().port());
            RawHttp.Response refused = RawHttp.request("GET", trick).origin(EVIL).bearer().send(agent.port());
            String context = trick + " served without the agent as:\n" + served + "\nwith the agent:\n" + refused;
            if (served.status() == 200) {
                // The container serves it from /app: the path rule of /app/strict/** is the one that applies.
                assertEquals(403, refused.status(), context);
                assertEquals("", refused.body(), context);
            } else {
                assertEquals(served.status(), refused.status(), context);
            }
            assertEquals(List.of(), linesCarrying(refused, EVIL), context);
            assertEquals(List.of(), effectiveAccessControlHeaders(refused), context);
        }
    }

    // ---- asynchronous responses: the app's own thread sets its CORS headers after the chain returned ------------

    @Test
    void responsesCompletedAsynchronouslyCarryExactlyThePolicysHeaders() throws Exception {
        // complete: complete() without a dispatch; dispatch: an ASYNC dispatch; resume: a JAX-RS-style resume().
        for (String mode : List.of("complete", "dispatch", "resume")) {
            String path = "/app/api/data?async=" + mode;
            RawHttp.Response allowed = RawHttp.request("GET", path).origin(ALLOWED).bearer().send(agent.port());
            assertEquals(200, allowed.status(), allowed::toString);
            assertEquals("GET /app/api/data\n", allowed.body(), allowed::toString);
            assertEquals(List.of(ALLOWED), allowed.all("Access-Control-Allow-Origin"), allowed::toString);
            assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
            assertEquals(List.of("Accept-Encoding", "Origin"), allowed.varyTokens(), allowed::toString);

            RawHttp.Response refused = RawHttp.request("GET", path).origin(EVIL).bearer().send(agent.port());
            assertEquals(200, refused.status(), refused::toString);
            assertEquals(List.of(), linesCarrying(refused, EVIL),
                    () -> "the app's reflected origin is left in:\n" + refused);
            assertEquals(List.of(), effectiveAccessControlHeaders(refused), refused::toString);
            assertEquals(List.of("Accept-Encoding", "Origin"), refused.varyTokens(), refused::toString);
        }
    }

    @Test
    void aResponseCommittedOnAnotherRequestsThreadCarriesItsOwnRequestsHeaders() throws Exception {
        // A parked request's response is written and committed by a later request, on that request's own container
        // thread: the later request's decision is in effect on the thread, and must not be taken for the parked one's.
        RawHttp.Response allowed = parkedResponse(agent.port(), ALLOWED, null);
        RawHttp.Response refused = parkedResponse(agent.port(), EVIL, ALLOWED);
        if (hooks == Hooks.SERVLET_FALLBACK) {
            // The fallback's limit, as with flushBuffer(): it cannot touch a response the app commits outside the
            // dispatches it sees, and the app's own CORS headers go out as without the agent.
            assertEquals(parkedResponse(withoutAgent().port(), ALLOWED, null).accessControlHeaders(),
                    allowed.accessControlHeaders(), allowed::toString);
            assertEquals(parkedResponse(withoutAgent().port(), EVIL, ALLOWED).accessControlHeaders(),
                    refused.accessControlHeaders(), refused::toString);
            return;
        }
        assertEquals(List.of(ALLOWED), allowed.all("Access-Control-Allow-Origin"), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), allowed.varyTokens(), allowed::toString);
        assertEquals(List.of(), linesCarrying(refused, EVIL), refused::toString);
        assertEquals(List.of(), effectiveAccessControlHeaders(refused), refused::toString);
        assertEquals(List.of("Accept-Encoding", "Origin"), refused.varyTokens(), refused::toString);
    }

    /**
     * The response to a request from {@code origin} that the app parks, once a request from {@code releasingOrigin}
     * (or without Origin) has answered and committed it.
     */
    private static RawHttp.Response parkedResponse(int port, String origin, String releasingOrigin) throws Exception {
        CompletableFuture<RawHttp.Response> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.request("GET", "/app/api/data?async=park").origin(origin).bearer().send(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RawHttp.Response release;
        do {
            Thread.sleep(20);
            RawHttp.Builder releasing = RawHttp.request("GET", "/app/api/data?async=release").bearer();
            release = (releasingOrigin == null ? releasing : releasing.origin(releasingOrigin)).send(port);
            assertEquals(200, release.status(), release::toString);
        } while ("0".equals(release.header("X-Released")) && System.nanoTime() < deadline);
        assertEquals("1", release.header("X-Released"), release::toString);

        RawHttp.Response response = parked.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status(), response::toString);
        assertEquals("GET /app/api/data\n", response.body(), response::toString);
        return response;
    }

    @Test
    void aSuspendedRequestAnsweredByItsTimeoutHandlerCarriesExactlyThePolicysHeaders() throws Exception {
        RawHttp.Response allowed = RawHttp.request("GET", "/app/api/data?async=timeout").origin(ALLOWED).bearer()
                .send(agent.port());
        assertEquals(503, allowed.status(), allowed::toString);
        assertEquals("timed out\n", allowed.body(), allowed::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, allowed.accessControlHeaders(), allowed::toString);
        RawHttp.Response refused = RawHttp.request("GET", "/app/api/data?async=timeout").origin(EVIL).bearer()
                .send(agent.port());
        assertEquals(503, refused.status(), refused::toString);
        assertEquals(List.of(), linesCarrying(refused, EVIL), refused::toString);
        assertEquals(List.of(), effectiveAccessControlHeaders(refused), refused::toString);
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
                assertEquals(List.of(), effectiveAccessControlHeaders(actual), context);
                continue;
            }
            String servedPath = served.header("X-Served-Path");
            assertEquals(servedPath, actual.header("X-Served-Path"), context);
            if (servedPath.startsWith("/app/public/")) {
                assertEquals(204, preflight.status(), context);
                assertEquals("*", preflight.header("Access-Control-Allow-Origin"), context);
                assertEquals("*", actual.header("Access-Control-Allow-Origin"), context);
            } else if (hooks == Hooks.SERVLET_FALLBACK && isUnderContainerSecurity(trick)) {
                // Container security rejects the preflight before the fallback runs.
                assertEquals(401, preflight.status(), context);
                assertNull(preflight.header("Access-Control-Allow-Methods"), context);
                assertEquals(List.of(), effectiveAccessControlHeaders(actual), context);
            } else {
                assertEquals(403, preflight.status(), context);
                assertEquals(List.of(), preflight.accessControlHeaders(), context);
                assertEquals(List.of(), effectiveAccessControlHeaders(actual), context);
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

    /** Whether the line's container itself challenges a request for this path (without the agent). */
    private boolean isUnderContainerSecurity(String path) throws IOException {
        RawHttp.Response response = RawHttp.request("GET", path).send(withoutAgent().port());
        return response.status() == 401 && "Basic realm=\"cors-test\"".equals(basicChallenge(response));
    }

    /**
     * The {@code Access-Control-*} lines a browser acts on. Tomcat cannot remove a header through the servlet API,
     * so there the fallback leaves a header the policy drops with an empty value, which a browser treats as absent
     * (an empty {@code Access-Control-Allow-Origin} matches no origin; an empty list allows nothing).
     */
    private List<String> effectiveAccessControlHeaders(RawHttp.Response response) {
        List<String> headers = response.accessControlHeaders();
        return hooks == Hooks.SERVLET_FALLBACK && line.name().startsWith("tomcat")
                ? headers.stream().filter(h -> !h.endsWith(": ")).toList()
                : headers;
    }

    /** Every header line whose value carries the given text, e.g. an origin the app reflected. */
    private static List<RawHttp.Header> linesCarrying(RawHttp.Response response, String text) {
        return response.headers().stream().filter(h -> h.value().contains(text)).toList();
    }

    /** Status line, every header but {@code Date} in order, and body. */
    private static String exactly(RawHttp.Response response) {
        StringBuilder text = new StringBuilder(response.statusLine()).append('\n');
        for (RawHttp.Header header : response.headers()) {
            if (!header.name().equalsIgnoreCase("date")) {
                text.append(header.name()).append(": ").append(header.value()).append('\n');
            }
        }
        return text.append('\n').append(response.body()).toString();
    }

    private Counters counters() throws IOException {
        return Counters.read(agent.port());
    }
}
