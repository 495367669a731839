package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Boot executable jars (agent-tests/spring-boot) started as users start them, {@code java -javaagent:... -jar
 * app.jar}, so that the agent's hooks meet Tomcat and the app inside the Boot launcher's nested-jar class loader:
 * Boot 3.5 (Tomcat 10.1, Spring Security 6.5) and Boot 2.7 (Tomcat 9.0.83, Spring Security 5.7). The app has
 * Spring Security with HTTP BASIC on {@code /api/**}, no CORS configuration, and reflects any Origin with
 * credentials. With the agent: preflights answered ahead of Spring Security, the reflection replaced by the policy's
 * headers, a 401 readable by the allowed origin, no error of the agent; in audit mode the misordered-auth finding
 * names Spring Security's filter as the app registered it and gives the fix in its version's API; with the
 * servlet-level fallback alone, a finding about a response the app committed early says that the agent could not
 * change it.
 */
class SpringBootAppsTest {

    private static final String APP = "https://app.example.com";
    private static final String FOREIGN = "https://evil.example";
    private static final String POLICY = "spring-boot.properties";

    /** A Boot line and the Spring Security version its jar holds. */
    record BootLine(ServerLine line, String springSecurity, String corsCall) {
        @Override
        public String toString() {
            return line.toString();
        }
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(new BootLine(ServerLines.SPRING_BOOT3, "6.5.6", "http.cors(Customizer.withDefaults())")),
                Arguments.of(new BootLine(ServerLines.SPRING_BOOT27, "5.7.11", "http.cors()")));
    }

    private static ServerProcess enforce(BootLine boot) {
        return ServerProcess.shared(boot.line(), ServerProcess.agentArgument(POLICY));
    }

    private static RawHttp.Builder preflight(String origin) {
        return RawHttp.request("OPTIONS", "/app/api/data").origin(origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type");
    }

    /** Without the agent the app has both bugs: Spring Security rejects preflights, the app reflects any origin. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void withoutTheAgentPreflightsFailAndAnyOriginIsReflected(BootLine boot) throws IOException {
        ServerProcess server = ServerProcess.shared(boot.line(), null);
        RawHttp.Response preflight = preflight(APP).send(server.port());
        assertEquals(401, preflight.status(), preflight::toString);

        RawHttp.Response reflected = RawHttp.request("GET", "/app/api/me").origin(FOREIGN).basicAuth()
                .send(server.port());
        assertEquals(200, reflected.status(), reflected::toString);
        assertEquals(List.of("access-control-allow-credentials: true", "access-control-allow-origin: " + FOREIGN),
                reflected.accessControlHeaders(), reflected::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void anAllowedPreflightIsAnsweredAheadOfSpringSecurity(BootLine boot) throws Exception {
        ServerProcess server = enforce(boot);
        RawHttp.Response response = preflight(APP).send(server.port());
        assertEquals(204, response.status(), response::toString);
        assertEquals(List.of("access-control-allow-credentials: true",
                "access-control-allow-headers: Content-Type, Authorization",
                "access-control-allow-methods: PUT, DELETE",
                "access-control-allow-origin: " + APP,
                "access-control-max-age: 600"), response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), "Spring Security saw the preflight");
        assertNoAgentError(server);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void aPreflightFromAnotherOriginIsRefused(BootLine boot) throws Exception {
        ServerProcess server = enforce(boot);
        RawHttp.Response response = preflight(FOREIGN).send(server.port());
        assertEquals(403, response.status(), response::toString);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertNoAgentError(server);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void theAppsReflectionOfAForeignOriginIsRemoved(BootLine boot) throws Exception {
        ServerProcess server = enforce(boot);
        RawHttp.Response response = RawHttp.request("GET", "/app/api/me").origin(FOREIGN).basicAuth()
                .send(server.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals("user alice\n", response.body());
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertNoAgentError(server);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void theAllowedOriginGetsThePolicysHeaders(BootLine boot) throws Exception {
        ServerProcess server = enforce(boot);
        RawHttp.Response response = RawHttp.request("GET", "/app/api/me").origin(APP).basicAuth()
                .send(server.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(List.of("access-control-allow-credentials: true", "access-control-allow-origin: " + APP),
                response.accessControlHeaders(), response::toString);
        assertNoAgentError(server);
    }

    /** Spring Security's 401 (Tomcat's error page after its sendError) carries the CORS headers: readable. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void a401IsReadableByTheAllowedOrigin(BootLine boot) throws Exception {
        ServerProcess server = enforce(boot);
        RawHttp.Response response = RawHttp.request("GET", "/app/api/me").origin(APP).send(server.port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"Realm\"", response.header("WWW-Authenticate"), response::toString);
        assertEquals(List.of("access-control-allow-credentials: true", "access-control-allow-origin: " + APP),
                response.accessControlHeaders(), response::toString);
        assertNoAgentError(server);
    }

    /**
     * Audit mode: Spring Security's AuthorizationFilter rejects the preflight. The finding counts the
     * DelegatingFilterProxy registered as springSecurityFilterChain (and the beans it delegates to) as the one filter
     * of Tomcat's chain it is, after Boot's character encoding, form content and request context filters; gives the
     * rejecting filter's place in Spring Security's chain; and the fix in the API of the Spring Security on the
     * class path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void auditNamesSpringSecuritysFilterAsRegisteredAndItsFix(BootLine boot) throws Exception {
        ServerProcess server = ServerProcess.shared(boot.line(), ServerProcess.agentArgument(POLICY, "mode=audit"));
        for (int i = 0; i < 2; i++) {
            assertEquals(401, preflight(APP).send(server.port()).status());
        }
        String culprit = "org.springframework.security.web.access.intercept.AuthorizationFilter";
        String prefix = "cors-agent WARN: misordered-auth [top-level]: ";
        server.awaitLine(l -> l.contains(prefix), Duration.ofSeconds(30));
        List<String> warnings = server.output().stream().filter(l -> l.contains(prefix))
                .map(l -> l.substring(l.indexOf("cors-agent "))).toList();
        assertEquals(List.of(prefix + culprit + " (filter 12 of the inner chain of"
                + " org.springframework.security.web.FilterChainProxy, in the filter registered as"
                + " springSecurityFilterChain, filter 4 of the filter chain) rejected the preflight OPTIONS"
                + " /app/api/data from https://app.example.com (for PUT with content-type) with 401 before any CORS"
                + " handling ran, and no CORS filter of the app is present. Enforce mode would answer this preflight"
                + " itself (204) before AuthorizationFilter sees it. Fix: turn on Spring Security's CORS handling,"
                + " which runs ahead of its authentication and authorization filters: " + boot.corsCall()
                + " (Spring Security " + boot.springSecurity() + " is on the class path) in the SecurityFilterChain,"
                + " with a CorsConfigurationSource bean that allows the app's origins."), warnings);
        assertNoAgentError(server);
    }

    /**
     * With the servlet-level fallback alone ({@code hooks=servlet}), a response Spring MVC commits (it flushes the
     * body) before the fallback's exit keeps the app's headers, the fallback's known limit: the finding says so
     * instead of claiming that the agent replaced them.
     */
    @Test
    void withTheFallbackAloneAFindingNeverClaimsToHaveReplacedCommittedHeaders() throws Exception {
        ServerProcess server = ServerProcess.shared(ServerLines.SPRING_BOOT3,
                ServerProcess.agentArgument(POLICY, "hooks=servlet"));
        RawHttp.Response response = RawHttp.request("GET", "/app/api/me").origin(FOREIGN).basicAuth()
                .send(server.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(FOREIGN, response.header("Access-Control-Allow-Origin"), response::toString);

        String prefix = "cors-agent WARN: app-reflects-origin [top-level]: ";
        server.awaitLine(l -> l.contains(prefix), Duration.ofSeconds(30));
        List<String> warnings = server.output().stream().filter(l -> l.contains(prefix))
                .map(l -> l.substring(l.indexOf("cors-agent "))).toList();
        assertEquals(List.of(prefix + "the app reflects the request's Origin into Access-Control-Allow-Origin with"
                + " Access-Control-Allow-Credentials: true for an origin the policy does not allow, so any website can"
                + " read its responses with the user's cookies (the CORS request GET /app/api/me from"
                + " https://evil.example, status 200). The app committed this response before the servlet-level"
                + " fallback could settle its headers, so the agent may not have replaced them: this response may"
                + " carry them as the app set them."), warnings);
        assertNoAgentError(server);
    }

    private static void assertNoAgentError(ServerProcess server) {
        List<String> errors = server.output().stream().filter(l -> l.contains("cors-agent ERROR")).toList();
        assertEquals(List.of(), errors, server::toString);
    }
}
