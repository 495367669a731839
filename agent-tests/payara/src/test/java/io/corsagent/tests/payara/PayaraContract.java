package io.corsagent.tests.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.corsagent.tests.containers.RawHttp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the agent in enforce mode guarantees on Payara (Micro and Server), against the container lines' policy
 * (policy/enforce.properties): Jolokia's unmodified WAR, all of it under container BASIC auth and reflecting any
 * Origin with credentials, and the test app, whose misordered auth filter and Origin-reflecting filter run after the
 * container's BASIC constraint on {@code /app/secure/*}. Exact statuses and headers; one Payara start per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PayaraContract {

    static final String ALLOWED = "https://app.example.com";
    static final String EVIL = "https://evil.example.net";

    /** The preflight answer the policy gives an allowed origin (the same as on every container line). */
    static final List<String> ALLOWED_PREFLIGHT_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-headers: Content-Type, Authorization, X-Requested-With",
            "access-control-allow-methods: GET, POST, PUT, DELETE",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-max-age: 600");

    /** What the policy puts on an allowed actual request, in place of whatever the app set. */
    static final List<String> ALLOWED_ACTUAL_HEADERS = List.of(
            "access-control-allow-credentials: true",
            "access-control-allow-origin: " + ALLOWED,
            "access-control-expose-headers: X-Served-Path");

    private static final String JOLOKIA_VERSION = "/jolokia/version";

    /** The started server, with the agent in it. */
    abstract PayaraProcess server();

    /**
     * Neither the GlassFish hook's advice nor any other failed, and the Tomcat hook, whose class names GlassFish's
     * Catalina fork shares, was left out without a word: it matches none of their methods.
     */
    @AfterAll
    void theAgentLoggedNoHookProblemAndStop() {
        try {
            List<String> problems = new ArrayList<>();
            for (String line : server().output()) {
                boolean hooksListed = line.contains("hooks installed:");
                if (line.contains("cors-agent") && (line.contains("internal error in hook")
                        || line.contains("could not instrument") || line.contains("ERROR")
                        || (line.contains("tomcat") && !hooksListed))) {
                    problems.add(line);
                }
            }
            assertEquals(List.of(), problems, "the agent's log on " + getClass().getSimpleName());
        } finally {
            server().stop();
        }
    }

    private int port() {
        return server().port();
    }

    // ---- Jolokia: an unmodified third-party WAR under container security -------------------------------------------

    @Test
    void jolokiaPreflightFromAnAllowedOriginIsAnsweredAheadOfContainerSecurity() throws IOException {
        RawHttp.Response response = preflight(JOLOKIA_VERSION, ALLOWED, "POST", "content-type");
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals("", response.body(), response::toString);
    }

    @Test
    void jolokiaPreflightFromAnotherOriginIsRefused() throws IOException {
        RawHttp.Response response = preflight(JOLOKIA_VERSION, EVIL, "POST", null);
        assertEquals(403, response.status(), response::toString);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
    }

    @Test
    void jolokiasReflectionOfAForeignOriginWithCredentialsIsRemoved() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(EVIL).basicAuth().send(port());
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().contains("\"agent\""), response::toString);
        assertEquals(List.of(), linesCarrying(response, EVIL), () -> "Jolokia's reflected origin is left in:\n" + response);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
    }

    @Test
    void jolokiaAnswersAnAllowedOriginWithExactlyThePolicysHeaders() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).basicAuth().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void the401OfContainerSecurityInFrontOfJolokiaIsReadable() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", JOLOKIA_VERSION).origin(ALLOWED).send(port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"jolokia\"", response.header("WWW-Authenticate"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    // ---- the test app as a WAR --------------------------------------------------------------------------------------

    @Test
    void allowedPreflightOnAnAppPathIsAnsweredBeforeTheAuthFilter() throws IOException {
        String before = counters();
        RawHttp.Response response = preflight("/app/api/data", ALLOWED, "PUT", "content-type,x-requested-with");
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void allowedPreflightOnASecurePathIsAnsweredBeforeContainerSecurity() throws IOException {
        String before = counters();
        RawHttp.Response response = preflight("/app/secure/data", ALLOWED, "DELETE", null);
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(), response::toString);
        assertNull(response.header("WWW-Authenticate"), response::toString);
        assertEquals(before, counters(), "the auth filter or the app saw the preflight");
    }

    @Test
    void refusedPreflightsGet403WithoutCorsHeadersAndNeverReachTheApp() throws IOException {
        String before = counters();
        for (RawHttp.Response response : List.of(
                preflight("/app/api/data", EVIL, "PUT", null),
                preflight("/app/secure/data", EVIL, "GET", null),
                preflight("/app/api/data", ALLOWED, "PATCH", null),
                preflight("/app/api/data", ALLOWED, "PUT", "x-not-allowed"))) {
            assertEquals(403, response.status(), response::toString);
            assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        }
        assertEquals(before, counters(), "the auth filter or the app saw a refused preflight");
    }

    @Test
    void theAppsReflectionOfAForeignOriginIsRemoved() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(EVIL).bearer().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(List.of(), linesCarrying(response, EVIL), () -> "the app's reflected origin is left in:\n" + response);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
    }

    @Test
    void anAllowedOriginGetsExactlyThePolicysHeadersInsteadOfTheAppsReflection() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(ALLOWED).bearer().send(port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void the401OfTheContainersBasicAuthOnASecurePathIsReadable() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", "/app/secure/data").origin(ALLOWED).send(port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"cors-test\"", response.header("WWW-Authenticate"), response::toString);
        assertEquals(ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(), response::toString);
    }

    @Test
    void theStrictPathRefusesAForeignOriginBeforeContainerAndApp() throws IOException {
        String before = counters();
        RawHttp.Response response = RawHttp.request("GET", "/app/strict/data").origin(EVIL).bearer().send(port());
        assertEquals(403, response.status(), response::toString);
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertEquals(before, counters(), "the app saw a request strict rejection refused");
    }

    // ---- what the agent says ----------------------------------------------------------------------------------------

    @Test
    void statusSaysActiveGuardingGlassFishWithRequestsCountedAndTomcatNotWoven() throws IOException {
        preflight(JOLOKIA_VERSION, ALLOWED, "GET", null);
        StatusCli.Run status = StatusCli.run("status", Long.toString(server().pid()));
        Map<String, String> fields = status.fields();
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("active", fields.get("state"), status::toString);
        assertTrue(fields.get("guarding").matches("glassfish \\(2 classes, [1-9][0-9]* requests\\).*"),
                status::toString);
        String woven = fields.get("woven");
        assertTrue(woven.contains("glassfish: ") && woven.contains("org.apache.catalina.connector.CoyoteAdapter")
                && woven.contains("org.glassfish.grizzly.http.HttpServerFilter"), status::toString);
        assertTrue(!woven.contains("tomcat"), status::toString);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private RawHttp.Response preflight(String path, String origin, String method, String headers) throws IOException {
        RawHttp.Builder request = RawHttp.request("OPTIONS", path).origin(origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return request.send(port());
    }

    /** The test app's hit counters ({@code auth-filter=<n> app=<m>}), read past both its filters. */
    private String counters() throws IOException {
        RawHttp.Response response = RawHttp.request("GET", "/app/__counters").send(port());
        assertEquals(200, response.status(), response::toString);
        return response.body();
    }

    private static List<RawHttp.Header> linesCarrying(RawHttp.Response response, String text) {
        return response.headers().stream().filter(h -> h.value().contains(text)).toList();
    }
}
