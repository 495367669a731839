package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Misordered auth findings (docs/DESIGN.md section 5) on real containers, with the audit app
 * ({@code io.corsagent.testapp.audit.AuditApp}) on Tomcat 9 and 10.1 (Tomcat's CorsFilter) and Jetty 12 ee8 and
 * ee10 (Jetty's CrossOriginFilter, container security by Jetty's SecurityHandler): a plain auth filter ahead of the
 * CORS filter, a filter running an inner chain whose inner filter rejects, container security, a login redirect
 * (which Jetty 12 commits before the filter returns), a path without a CORS filter, and a correctly ordered app.
 * In audit mode from preflights the app rejects; in enforce mode (where the agent answers every preflight) from
 * actual CORS requests the chain shows rejected ahead of the CORS filter. Each warning exactly once, word for word.
 */
class MisorderedAuthTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final String AUDIT_TAIL = " Enforce mode would answer this preflight itself (204) before %s sees it.";
    private static final String ENFORCE_TAIL = " The agent answers preflights before any filter runs and puts the"
            + " policy's CORS headers on this response, so browsers are served; the app's own configuration is still"
            + " misordered.";
    private static final String TOMCAT_CORS_FILTER = "Tomcat's CorsFilter (org.apache.catalina.filters.CorsFilter)";
    private static final String JETTY_EE8_CORS_FILTER =
            "Jetty's CrossOriginFilter (org.eclipse.jetty.ee8.servlets.CrossOriginFilter)";
    private static final String JETTY_EE10_CORS_FILTER =
            "Jetty's CrossOriginFilter (org.eclipse.jetty.ee10.servlets.CrossOriginFilter)";
    private static final String BEARER = "io.corsagent.testapp.audit.BearerAuthFilter";
    private static final String INNER = "io.corsagent.testapp.audit.InnerAuthFilter";
    private static final String LOGIN = "io.corsagent.testapp.audit.LoginRedirectFilter";

    /** A line of the audit app and the app's CORS filter there, as a finding names it. */
    record AuditLine(ServerLine line, String corsFilter) {
        /** The finding's words for a culprit mapped ahead of the app's CORS filter. */
        String ahead() {
            return " before any CORS handling ran, ahead of " + corsFilter + ".";
        }

        @Override
        public String toString() {
            return line.toString();
        }
    }

    static Stream<Arguments> lines() {
        return Stream.of(Arguments.of(new AuditLine(ServerLines.TOMCAT9_AUDIT_APP, TOMCAT_CORS_FILTER)),
                Arguments.of(new AuditLine(ServerLines.TOMCAT10_AUDIT_APP, TOMCAT_CORS_FILTER)),
                Arguments.of(new AuditLine(ServerLines.JETTY12_EE8_AUDIT_APP, JETTY_EE8_CORS_FILTER)),
                Arguments.of(new AuditLine(ServerLines.JETTY12_EE10_AUDIT_APP, JETTY_EE10_CORS_FILTER)));
    }

    private static ServerProcess server(AuditLine line, String mode) {
        return ServerProcess.shared(line.line(), ServerProcess.agentArgument("audit-app.properties", "mode=" + mode));
    }

    private static RawHttp.Builder preflight(String path) {
        return RawHttp.request("OPTIONS", path).origin(ORIGIN).header("Access-Control-Request-Method", "PUT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void auditPlainAuthFilterAheadOfTomcatsCorsFilter(AuditLine line) throws Exception {
        ServerProcess server = server(line, "audit");
        for (int i = 0; i < 2; i++) {
            assertEquals(401, preflight("/app/misordered/orders").send(server.port()).status());
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + BEARER, BEARER + " (filter 1 of the filter chain)"
                + " rejected the preflight OPTIONS /app/misordered/orders from https://app.example.com (for PUT) with"
                + " 401" + line.ahead() + String.format(AUDIT_TAIL, "BearerAuthFilter")
                + " Fix: map the CORS filter ahead of BearerAuthFilter, or let OPTIONS preflights through BearerAuthFilter unauthenticated.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void auditInnerChainFilterRejects(AuditLine line) throws Exception {
        ServerProcess server = server(line, "audit");
        for (int i = 0; i < 2; i++) {
            assertEquals(403, preflight("/app/delegating/orders").send(server.port()).status());
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + INNER, INNER + " (filter 1 of the inner chain of"
                + " io.corsagent.testapp.audit.SecurityChainFilter, filter 1 of the filter chain) rejected the"
                + " preflight OPTIONS /app/delegating/orders from https://app.example.com (for PUT) with 403"
                + line.ahead() + String.format(AUDIT_TAIL, "InnerAuthFilter") + " Fix: run the CORS handling inside"
                + " SecurityChainFilter ahead of InnerAuthFilter, or let OPTIONS"
                + " preflights through InnerAuthFilter unauthenticated.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void auditContainerSecurityConstraint(AuditLine line) throws Exception {
        ServerProcess server = server(line, "audit");
        for (int i = 0; i < 2; i++) {
            assertEquals(401, preflight("/app/secure/orders").send(server.port()).status());
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: the container's security constraint",
                "the container's security constraint rejected the preflight OPTIONS /app/secure/orders from"
                        + " https://app.example.com (for PUT) with 401 before any filter of the app ran, CORS filters"
                        + " included." + String.format(AUDIT_TAIL, "container security") + " Fix: exclude OPTIONS"
                        + " from the security constraint (<http-method-omission>OPTIONS</http-method-omission> in its"
                        + " web-resource-collection), so that preflights reach the CORS handling.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void auditLoginRedirect(AuditLine line) throws Exception {
        ServerProcess server = server(line, "audit");
        for (int i = 0; i < 2; i++) {
            RawHttp.Response response = preflight("/app/login-redirect/orders").send(server.port());
            assertEquals(302, response.status());
            assertEquals("/app/login", response.header("Location"));
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + LOGIN, LOGIN + " (filter 1 of the filter chain)"
                + " redirected the preflight OPTIONS /app/login-redirect/orders from https://app.example.com (for PUT)"
                + " to a login page (302 to /app/login)" + line.ahead()
                + String.format(AUDIT_TAIL, "LoginRedirectFilter")
                + " Fix: map the CORS filter ahead of LoginRedirectFilter, or let OPTIONS preflights through"
                + " LoginRedirectFilter unauthenticated.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void enforcePlainAuthFilterFromTheChain(AuditLine line) throws Exception {
        ServerProcess server = server(line, "enforce");
        assertEquals(204, preflight("/app/misordered/orders").send(server.port()).status());
        for (int i = 0; i < 2; i++) {
            RawHttp.Response response = RawHttp.request("GET", "/app/misordered/orders").origin(ORIGIN)
                    .send(server.port());
            assertEquals(401, response.status());
            assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"));
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + BEARER, BEARER + " (filter 1 of the filter chain)"
                + " rejected the CORS request GET /app/misordered/orders from https://app.example.com with 401"
                + line.ahead() + ENFORCE_TAIL + " Fix: map the CORS filter ahead of BearerAuthFilter, or let OPTIONS preflights"
                + " through BearerAuthFilter unauthenticated.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void enforceInnerChainFilterFromTheChain(AuditLine line) throws Exception {
        ServerProcess server = server(line, "enforce");
        for (int i = 0; i < 2; i++) {
            assertEquals(403, RawHttp.request("GET", "/app/delegating/orders").origin(ORIGIN).send(server.port())
                    .status());
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + INNER, INNER + " (filter 1 of the inner chain of"
                + " io.corsagent.testapp.audit.SecurityChainFilter, filter 1 of the filter chain) rejected the CORS"
                + " request GET /app/delegating/orders from https://app.example.com with 403" + line.ahead()
                + ENFORCE_TAIL
                + " Fix: run the CORS handling inside SecurityChainFilter ahead of InnerAuthFilter, or let OPTIONS"
                + " preflights through InnerAuthFilter unauthenticated.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void enforceLoginRedirectFromTheChain(AuditLine line) throws Exception {
        ServerProcess server = server(line, "enforce");
        for (int i = 0; i < 2; i++) {
            assertEquals(302, RawHttp.request("GET", "/app/login-redirect/orders").origin(ORIGIN)
                    .send(server.port()).status());
        }
        assertWarnedOnce(server, "misordered-auth [top-level]: " + LOGIN, LOGIN + " (filter 1 of the filter chain)"
                + " redirected the CORS request GET /app/login-redirect/orders from https://app.example.com to a login"
                + " page (302 to /app/login)" + line.ahead() + ENFORCE_TAIL + " Fix: map the CORS filter ahead of"
                + " LoginRedirectFilter, or let OPTIONS preflights through LoginRedirectFilter unauthenticated.");
    }

    /**
     * An auth filter on a path no CORS filter is mapped to, in an app that maps one to other paths: the preflight's
     * warning says so rather than naming a filter that never runs there. An actual request it rejects in enforce
     * mode is authentication doing its job: no warning.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void noCorsFilterOnThePath(AuditLine line) throws Exception {
        ServerProcess audit = server(line, "audit");
        assertEquals(401, preflight("/app/no-cors/orders").send(audit.port()).status());
        assertWarnedOnce(audit, "misordered-auth [path./app/no-cors/**]: " + BEARER, BEARER + " (filter 1 of the filter chain)"
                + " rejected the preflight OPTIONS /app/no-cors/orders from https://app.example.com (for PUT) with 401"
                + " before any CORS handling ran, and no CORS filter is mapped to this path (the app maps "
                + line.corsFilter() + " to other paths only)." + String.format(AUDIT_TAIL, "BearerAuthFilter")
                + " Fix: map the CORS filter ahead of BearerAuthFilter, or let OPTIONS preflights through"
                + " BearerAuthFilter unauthenticated.");

        ServerProcess enforce = server(line, "enforce");
        assertEquals(401, RawHttp.request("GET", "/app/no-cors/orders").origin(ORIGIN).send(enforce.port()).status());
        assertNoWarningAfterMarker(enforce, "/app/no-cors/");
    }

    /** Tomcat's CorsFilter ahead of the auth filter: no warning in either mode, whatever the auth filter rejects. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void correctlyOrderedAppHasNoWarning(AuditLine line) throws Exception {
        for (String mode : List.of("audit", "enforce")) {
            ServerProcess server = server(line, mode);
            int preflightStatus = preflight("/app/ordered/orders").send(server.port()).status();
            assertEquals(mode.equals("audit") ? 200 : 204, preflightStatus, mode);
            assertEquals(401, RawHttp.request("GET", "/app/ordered/orders").origin(ORIGIN).send(server.port())
                    .status());
            assertEquals(401, RawHttp.request("PUT", "/app/ordered/orders").origin(ORIGIN).send(server.port())
                    .status());
            assertNoWarningAfterMarker(server, "/app/ordered/");
        }
    }

    /**
     * No misordered-auth line for the path (which has a rule of its own): checked after a marker, a refused
     * preflight under the path's rule (its finding is logged after every finding of the requests before it: the
     * agent's log is written in order).
     */
    private static void assertNoWarningAfterMarker(ServerProcess server, String path) throws Exception {
        String rule = "[path." + path + "**]: ";
        RawHttp.request("OPTIONS", path + "marker").origin(ORIGIN)
                .header("Access-Control-Request-Method", "DELETE").send(server.port());
        server.awaitLine(l -> l.contains(rule) && l.contains("refuse") && l.contains(path + "marker"),
                Duration.ofSeconds(10));
        List<String> warnings = server.output().stream()
                .filter(l -> l.contains("misordered-auth") && l.contains(path)).toList();
        assertEquals(List.of(), warnings, server.toString());
    }

    /** Waits for the warning, then checks it is there once, word for word (after the time stamp). */
    private static void assertWarnedOnce(ServerProcess server, String prefix, String message)
            throws InterruptedException {
        String expected = "cors-agent WARN: " + prefix.substring(0, prefix.indexOf(':') + 2) + message;
        server.awaitLine(l -> l.contains("cors-agent WARN: " + prefix), Duration.ofSeconds(10));
        List<String> matching = server.output().stream().filter(l -> l.contains("cors-agent WARN: " + prefix))
                .map(l -> l.substring(l.indexOf("cors-agent "))).toList();
        assertEquals(List.of(expected), matching);
    }
}
