package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.DelegatingFilterProxy;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** The findings the runtime's events produce, line by line, from the engine's real decisions. */
class AgentEventsTest {

    private static final String POLICY = String.join("\n",
            "allowed-origins = https://app.example.com",
            "allowed-methods = GET, POST, PUT",
            "allowed-headers = Content-Type",
            "allow-credentials = true",
            "max-age = 600");
    private static final String APP = "https://app.example.com";
    private static final String EVIL = "https://evil.example";

    private final CapturingSink sink = new CapturingSink();
    private final AgentEvents events = new AgentEvents(sink);

    private CorsPolicyEngine engine(Mode mode) {
        LoadResult load = PolicyLoader.parse("test.properties", POLICY);
        assertTrue(load.isValid(), load.errors()::toString);
        return new CorsPolicyEngine(load.policy(), mode, events);
    }

    private static PolicyExchange enter(CorsPolicyEngine engine, String method, String path, String origin,
                                        String requestMethod, String requestHeaders) {
        return engine.enter(method, origin, requestMethod, requestHeaders, "http", "api.local", 8080, path);
    }

    @Test
    void auditPreflightRejectedByAFilterAheadOfNoCorsFilter() {
        PolicyExchange preflight = enter(engine(Mode.AUDIT), "OPTIONS", "/api/orders", APP, "PUT", "content-type");
        preflight.chainCalled();
        preflight.filterEntered(new AuthFilter(), new ContainerChain(), null);
        preflight.filterExited(401, null);
        assertNull(preflight.commitHeaders(401, new String[0]), "audit never changes headers");

        assertEquals(List.of(
                "WARN misordered-auth [top-level]: io.corsagent.audit.AgentEventsTest$AuthFilter (filter 1 of the"
                        + " filter chain) rejected the preflight OPTIONS /api/orders from https://app.example.com (for"
                        + " PUT with content-type) with 401 before any CORS handling ran, and no CORS filter of the app"
                        + " is present. Enforce mode would answer this preflight itself (204) before"
                        + " AgentEventsTest$AuthFilter sees it. Fix: map the CORS filter ahead of"
                        + " AgentEventsTest$AuthFilter, or let OPTIONS preflights through AgentEventsTest$AuthFilter"
                        + " unauthenticated.",
                "INFO preflight-would-answer [top-level]: enforce would answer the preflight OPTIONS /api/orders from"
                        + " https://app.example.com (for PUT with content-type) itself with 204 and"
                        + " Access-Control-Allow-Origin: https://app.example.com, Access-Control-Allow-Credentials: true,"
                        + " Access-Control-Allow-Methods: GET, POST, PUT, Access-Control-Allow-Headers: Content-Type,"
                        + " Access-Control-Max-Age: 600, Vary: Origin; the app answered 401 with no CORS headers"),
                sink.lines());
        assertEquals(1, events.counters().preflightsWouldAnswer());
        assertEquals(0, events.counters().preflightsAnswered(), "audit mode answers nothing itself");
    }

    @Test
    void auditPreflightRefusedNamesTheHeader() {
        PolicyExchange preflight = enter(engine(Mode.AUDIT), "OPTIONS", "/api/orders", APP, "PUT", "x-secret");
        preflight.commitHeaders(200, new String[0]);
        assertEquals(List.of("INFO preflight-would-refuse [top-level]: enforce would refuse the preflight OPTIONS"
                + " /api/orders from https://app.example.com (for PUT with x-secret) with 403: a requested header is"
                + " not in allowed-headers (x-secret); the app answered 200 with no CORS headers"), sink.lines());
        assertEquals(1, events.counters().preflightsWouldRefuse());
        assertEquals(0, events.counters().preflightsRefused(), "audit mode refuses nothing itself");
    }

    @Test
    void enforceRefusedPreflightIsLoggedOnceAtTheEntry() {
        CorsPolicyEngine engine = engine(Mode.ENFORCE);
        enter(engine, "OPTIONS", "/x", EVIL, "PUT", null);
        enter(engine, "OPTIONS", "/y", "https://other.example", "PUT", null);
        assertEquals(List.of("INFO preflight-refused [top-level]: refused the preflight OPTIONS /x from"
                + " https://evil.example (for PUT) with 403: the origin is not in allowed-origins"
                + " (https://evil.example)"), sink.lines());
        assertEquals(2, events.counters().preflightsRefused());
    }

    @Test
    void appReflectingAnyOriginWithoutVaryIsReportedWithWhatEnforceChanges() {
        PolicyExchange actual = enter(engine(Mode.AUDIT), "GET", "/api/account", EVIL, null, null);
        actual.commitHeaders(200, new String[] {
                "Access-Control-Allow-Origin", EVIL, "Access-Control-Allow-Credentials", "true"});
        assertEquals(List.of(
                "WARN app-reflects-origin [top-level]: the app reflects the request's Origin into"
                        + " Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true for an origin the"
                        + " policy does not allow, so any website can read its responses with the user's cookies (the"
                        + " CORS request GET /api/account from https://evil.example, status 200). Enforce mode replaces"
                        + " the app's CORS headers with the policy's.",
                "WARN app-missing-vary [top-level]: the app sends an Access-Control-Allow-Origin that depends on the"
                        + " request without Vary: Origin, so a cache can serve one origin's answer to another (the CORS"
                        + " request GET /api/account from https://evil.example, status 200). Enforce mode replaces the"
                        + " app's CORS headers with the policy's.",
                "INFO headers-would-change [top-level]: enforce would change the CORS headers of the CORS request GET"
                        + " /api/account from https://evil.example (the origin is not in allowed-origins"
                        + " (https://evil.example); status 200): add Vary: Origin; remove Access-Control-Allow-Origin:"
                        + " https://evil.example; remove Access-Control-Allow-Credentials: true"),
                sink.lines());
        assertEquals(1, events.counters().actualDenied());
    }

    @Test
    void wildcardWithCredentialsFromTheApp() {
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", "/api/me", APP, null, null);
        actual.commitHeaders(200, new String[] {
                "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"});
        assertEquals(List.of("WARN app-wildcard-with-credentials [top-level]: the app sends"
                + " Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true, which browsers refuse"
                + " for credentialed requests (the CORS request GET /api/me from https://app.example.com, status 200)."
                + " The agent replaces the app's CORS headers with the policy's."), sink.lines());
    }

    @Test
    void anActualRequestRejectedWhereTheAppHasNoCorsFilterIsAuthenticationDoingItsJob() {
        PolicyExchange actual = enter(engine(Mode.AUDIT), "GET", "/api/orders", APP, null, null);
        actual.chainCalled();
        actual.filterEntered(new AuthFilter(), new ContainerChain(), null);
        actual.filterExited(401, null);
        actual.commitHeaders(401, new String[0]);
        assertTrue(sink.lines().stream().noneMatch(line -> line.contains("misordered-auth")), sink.lines()::toString);
    }

    @Test
    void nonCorsRequestsAreNeitherCountedNorTraced() {
        PolicyExchange plain = enter(engine(Mode.AUDIT), "GET", "/api/orders", null, null, null);
        plain.chainCalled();
        plain.filterEntered(new AuthFilter(), new ContainerChain(), null);
        assertNull(plain.chainTrace());
        assertEquals(0, events.counters().actualAllowed() + events.counters().actualDenied());
    }

    @Test
    void aRedirectCommittedWhileItsFilterRunsIsJudgedWhenTheChainCompletes() {
        // Jetty 12 commits a sendRedirect at once, before the filter returns and before its Location is known.
        PolicyExchange preflight = enter(engine(Mode.AUDIT), "OPTIONS", "/api/orders", APP, "PUT", null);
        preflight.chainCalled();
        preflight.filterEntered(new AuthFilter(), new ContainerChain(), null);
        preflight.commitHeaders(302, new String[0]);
        assertTrue(sink.lines().stream().noneMatch(line -> line.contains("misordered-auth")), sink.lines()::toString);

        preflight.filterExited(302, "/login");
        List<String> warnings = sink.lines().stream().filter(line -> line.contains("misordered-auth")).toList();
        assertEquals(1, warnings.size(), sink.lines()::toString);
        assertTrue(warnings.get(0).contains(" redirected the preflight OPTIONS /api/orders from https://app.example.com"
                + " (for PUT) to a login page (302 to /login) before any CORS handling ran"), warnings.get(0));
    }

    @Test
    void theCorsFilterAheadIsTheOneMappedToTheRequestsPath() {
        FakeServletContext context = new FakeServletContext("/shop",
                new FakeServletContext.Registration("com.example.AuthFilter", "/*"),
                new FakeServletContext.Registration("org.springframework.web.filter.CorsFilter", "/api/*"));
        CorsPolicyEngine engine = engine(Mode.AUDIT);
        for (String path : new String[] {"/shop/api/orders", "/shop/admin/users"}) {
            PolicyExchange preflight = enter(engine, "OPTIONS", path, APP, "PUT", null);
            preflight.chainCalled();
            preflight.filterEntered(new AuthFilter(), new ContainerChain(), context);
            preflight.filterExited(401, null);
            preflight.commitHeaders(401, new String[0]);
        }
        List<String> warnings = sink.lines().stream().filter(line -> line.contains("misordered-auth")).toList();
        // One warning per (culprit, rule): the first path's.
        assertEquals(1, warnings.size(), sink.lines()::toString);
        assertTrue(warnings.get(0).contains(" before any CORS handling ran, ahead of Spring's CorsFilter"
                + " (org.springframework.web.filter.CorsFilter). "), warnings.get(0));
    }

    @Test
    void aPathWithoutACorsFilterSaysWhereTheAppMapsOne() {
        FakeServletContext context = new FakeServletContext("/shop",
                new FakeServletContext.Registration("com.example.AuthFilter", "/*"),
                new FakeServletContext.Registration("com.thetransactioncompany.cors.CORSFilter", "/api/*", "*.json"));
        PolicyExchange preflight = enter(engine(Mode.AUDIT), "OPTIONS", "/shop/admin/users", APP, "PUT", null);
        preflight.chainCalled();
        preflight.filterEntered(new AuthFilter(), new ContainerChain(), context);
        preflight.filterExited(401, null);
        preflight.commitHeaders(401, new String[0]);
        List<String> warnings = sink.lines().stream().filter(line -> line.contains("misordered-auth")).toList();
        assertEquals(1, warnings.size(), sink.lines()::toString);
        assertTrue(warnings.get(0).contains(" before any CORS handling ran, and no CORS filter is mapped to this path"
                + " (the app maps the CORSFilter of com.thetransactioncompany"
                + " (com.thetransactioncompany.cors.CORSFilter) to other paths only). "), warnings.get(0));
    }

    /**
     * A hook that failed on the request's thread before its response was reported (Tomcat's entry advice on a Tomcat
     * it cannot link to, the servlet-level fallback deciding instead): the findings say so rather than claim that the
     * agent replaced the app's headers, which the fallback cannot do on a response the app committed.
     */
    @Test
    void aHookThatFailedOnTheRequestIsSaidInsteadOfWhatEnforceDoes() {
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", "/api/account", EVIL, null, null);
        CorsBridge.failed("tomcat.entry", new NoSuchMethodError("org.apache.coyote.Request.getMethod()"));
        // The fallback, deciding instead, finds the response committed: the failure is what it is told as.
        CorsBridge.commitUnsettled(actual, 200, new String[] {
                "Access-Control-Allow-Origin", EVIL, "Access-Control-Allow-Credentials", "true", "Vary", "Origin"});
        assertEquals("the agent's hook 'tomcat.entry' failed on this request (its error is logged)",
                actual.unsettledReason());
        assertEquals(List.of("WARN app-reflects-origin [top-level]: the app reflects the request's Origin into"
                + " Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true for an origin the policy"
                + " does not allow, so any website can read its responses with the user's cookies (the CORS request"
                + " GET /api/account from https://evil.example, status 200). The agent's hook 'tomcat.entry' failed"
                + " on this request (its error is logged), so the agent may not have replaced them: this response"
                + " may carry them as the app set them."), sink.lines());

        PolicyExchange next = enter(engine(Mode.ENFORCE), "GET", "/api/me", EVIL, null, null);
        CorsBridge.commit(next, 200, new String[0]);
        assertNull(next.unsettledReason(), "the failure was told with the response of the request it happened in");
    }

    /**
     * In enforce mode the chain's findings name filters of the chain a path runs, the same on every request: the first
     * requests are traced, then a sample, so that a long chain costs most CORS requests nothing per filter.
     */
    @Test
    void enforceTracesTheFirstCorsRequestsThenASample() {
        CorsPolicyEngine enforce = engine(Mode.ENFORCE);
        for (int i = 0; i < MisorderedAuthFindings.ENFORCE_LEARNING; i++) {
            assertTrue(enter(enforce, "GET", "/api/orders", APP, null, null).observesChain(), "request " + i);
        }
        int requests = 200 * MisorderedAuthFindings.ENFORCE_SAMPLE;
        int traced = 0;
        for (int i = 0; i < requests; i++) {
            PolicyExchange actual = enter(enforce, "GET", "/api/orders", APP, null, null);
            if (actual.observesChain()) {
                traced++;
            }
        }
        // About 200 expected: far outside [100, 400] only with a probability below 10^-12.
        assertTrue(traced >= 100 && traced <= 400, traced + " of " + requests + " traced");

        PolicyExchange untraced = enter(enforce, "GET", "/api/orders", APP, null, null);
        while (untraced.observesChain()) {
            untraced = enter(enforce, "GET", "/api/orders", APP, null, null);
        }
        untraced.filterEntered(new AuthFilter(), new ContainerChain(), null);
        untraced.filterExited(401, null);
        untraced.commitHeaders(401, new String[0]);
        assertNull(untraced.chainTrace());
        assertEquals(List.of(), sink.lines(), "an untraced request is not taken for one no filter saw");
        CorsBridge.commitUnsettled(untraced, 200, new String[0]);
        assertEquals("the app committed this response before the servlet-level fallback could settle its headers",
                untraced.unsettledReason(), "what the agent could not do is said with or without a trace");
    }

    @Test
    void auditTracesEveryCorsRequest() {
        CorsPolicyEngine audit = engine(Mode.AUDIT);
        for (int i = 0; i < MisorderedAuthFindings.ENFORCE_LEARNING + 2 * MisorderedAuthFindings.ENFORCE_SAMPLE; i++) {
            assertTrue(enter(audit, "GET", "/api/orders", APP, null, null).observesChain(), "request " + i);
        }
    }

    /** The servlet-level fallback cannot change a response the app committed (Spring MVC flushes its body). */
    @Test
    void aResponseTheFallbackFoundCommittedIsSaidInsteadOfWhatEnforceDoes() {
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", "/api/account", EVIL, null, null);
        CorsBridge.commitUnsettled(actual, 200, new String[] {
                "Access-Control-Allow-Origin", EVIL, "Vary", "Origin"});
        assertEquals(List.of("WARN app-reflects-origin [top-level]: the app reflects the request's Origin into"
                + " Access-Control-Allow-Origin for an origin the policy does not allow, so any website can read its"
                + " responses (the CORS request GET /api/account from https://evil.example, status 200). The app"
                + " committed this response before the servlet-level fallback could settle its headers, so the agent"
                + " may not have replaced them: this response may carry them as the app set them."), sink.lines());
    }

    @Test
    void aHookThatFailedOnTheRequestIsSaidInTheMisorderedAuthFinding() {
        FakeServletContext context = new FakeServletContext("/shop",
                new FakeServletContext.Registration(AuthFilter.class.getName(), "/*"),
                new FakeServletContext.Registration("org.apache.catalina.filters.CorsFilter", "/*"));
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", "/shop/orders", APP, null, null);
        actual.chainCalled();
        actual.filterEntered(new AuthFilter(), new ContainerChain(), context);
        actual.filterExited(401, null);
        CorsBridge.failed("tomcat.entry", new NoSuchMethodError("org.apache.coyote.Request.getMethod()"));
        CorsBridge.commit(actual, 401, new String[0]);
        List<String> warnings = sink.lines().stream().filter(line -> line.contains("misordered-auth")).toList();
        assertEquals(List.of("WARN misordered-auth [top-level]: io.corsagent.audit.AgentEventsTest$AuthFilter"
                + " (filter 1 of the filter chain) rejected the CORS request GET /shop/orders from"
                + " https://app.example.com with 401 before any CORS handling ran, ahead of Tomcat's CorsFilter"
                + " (org.apache.catalina.filters.CorsFilter). The agent's hook 'tomcat.entry' failed on this request"
                + " (its error is logged), so the agent may not have put the policy's CORS headers on this response."
                + " The app's own configuration is misordered. Fix: map the CORS filter ahead of"
                + " AgentEventsTest$AuthFilter, or let OPTIONS preflights through AgentEventsTest$AuthFilter"
                + " unauthenticated."), warnings);
    }

    /**
     * Enforce mode, Spring Security registered as springSecurityFilterChain (a DelegatingFilterProxy delegating to
     * the FilterChainProxy bean) ahead of Spring's CorsFilter: the warning names the registered filter, counts the
     * proxy and its delegate as the one filter of the chain they are, and gives Spring Security's own fix.
     */
    @Test
    void enforceSpringSecurityRegisteredAheadOfSpringsCorsFilter() {
        FakeServletContext context = new FakeServletContext("/shop")
                .register("springSecurityFilterChain", new FakeServletContext.Registration(
                        "org.springframework.web.filter.DelegatingFilterProxy", "/*"))
                .register("corsFilter", new FakeServletContext.Registration(
                        "org.springframework.web.filter.CorsFilter", "/*"));
        PolicyExchange actual = enter(engine(Mode.ENFORCE), "GET", "/shop/api/orders", APP, null, null);
        ContainerChain chain = new ContainerChain();
        actual.chainCalled();
        actual.filterEntered(new DelegatingFilterProxy(), chain, context);
        actual.filterEntered(new FilterChainProxy(), chain, context);
        actual.chainCalled();
        actual.filterEntered(new AuthFilter(), new FilterChainProxy.VirtualFilterChain(), context);
        actual.chainCalled();
        actual.chainCalled();
        actual.filterEntered(new CorsFilter(), chain, context);
        actual.chainCalled();
        for (int i = 0; i < 4; i++) {
            actual.filterExited(200, null);
        }
        actual.commitHeaders(200, new String[0]);

        List<String> warnings = sink.lines().stream().filter(line -> line.contains("misordered-auth")).toList();
        assertEquals(List.of("WARN misordered-auth [top-level]: org.springframework.security.web.FilterChainProxy"
                + " (in the filter registered as springSecurityFilterChain, filter 1 of the filter chain), an"
                + " authentication filter, runs ahead of Spring's CorsFilter"
                + " (org.springframework.web.filter.CorsFilter) on the CORS request GET /shop/api/orders from https://app.example.com, so it would reject"
                + " preflights, which carry no credentials. The agent answers preflights before any filter runs and"
                + " puts the policy's CORS headers on this response, so browsers are served; the app's own"
                + " configuration is still misordered. Fix: turn on Spring Security's CORS handling, which runs ahead"
                + " of its authentication and authorization filters: http.cors(Customizer.withDefaults())"
                + " (http.cors() before Spring Security 6.1) in the SecurityFilterChain, with a CorsConfigurationSource"
                + " bean that allows the app's origins."), warnings);
    }

    /** A filter class as the advice reports it: any object; its class name is what the trace keeps. */
    static final class AuthFilter {
    }

    static final class ContainerChain {
    }
}
