package io.corsagent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.log.JsonLinesWriter;
import io.corsagent.policy.LoadResult;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;

/** Policies suggested from traffic: valid, explained, and cautious where the traffic cannot tell. */
class PolicySuggesterTest {

    private static final String SHOP = "https://shop.example.com";

    /** The suggested policy loads without errors; returns the engine enforcing it. */
    private static CorsPolicyEngine enforcing(String policy) {
        LoadResult loaded = PolicyLoader.parse("suggested.properties", policy);
        assertTrue(loaded.isValid(), () -> loaded.errors() + "\n" + policy);
        return new CorsPolicyEngine(loaded.policy(), Mode.ENFORCE, io.corsagent.cors.CorsEvents.NONE);
    }

    private static int preflight(CorsPolicyEngine engine, String origin, String path, String method, String headers) {
        PolicyExchange exchange = engine.enter("OPTIONS", origin, method, headers, "https", "api.example.com", 443,
                path);
        return exchange.answerStatus();
    }

    private static boolean actualAllowed(CorsPolicyEngine engine, String origin, String path) {
        return engine.enter("GET", origin, null, null, "https", "api.example.com", 443, path).allowed();
    }

    @Test
    void aFrontendsTrafficBecomesAPolicyThatLetsItWorkAndKeepsOthersOut() {
        Traffic traffic = new Traffic("allowed-origins = " + SHOP + "\nmode = audit");
        traffic.times(3, () -> traffic
                .preflight(SHOP, "/api/orders", "PUT", "content-type,x-client-version")
                .actual(SHOP, "GET", "/api/me", "Access-Control-Allow-Origin", "*",
                        "Access-Control-Allow-Credentials", "true")
                .actual(SHOP, "GET", "/api/products")
                .preflight("https://evil.example", "/api/orders", "POST", "content-type")
                .actual("https://evil.example", "GET", "/api/account", "Access-Control-Allow-Origin",
                        "https://evil.example", "Access-Control-Allow-Credentials", "true"));

        PolicySuggester suggester = new PolicySuggester(traffic.observed(), 1);
        String policy = suggester.suggest();
        CorsPolicyEngine engine = enforcing(policy);

        assertEquals(204, preflight(engine, SHOP, "/api/orders/42", "PUT", "content-type,x-client-version"));
        assertTrue(actualAllowed(engine, SHOP, "/api/me"));
        assertEquals(403, preflight(engine, "https://evil.example", "/api/orders", "POST", "content-type"));
        assertFalse(actualAllowed(engine, "https://evil.example", "/api/account"));

        assertTrue(policy.contains("\n# " + SHOP + ": 9 request(s), 3 preflight(s), first "), policy);
        assertTrue(policy.contains("\nallowed-origins = " + SHOP + "\n"), policy);
        assertTrue(policy.contains("\n# PUT: asked for by preflights of " + SHOP + "\nallowed-methods = PUT\n"),
                policy);
        assertTrue(policy.contains("\nallowed-headers = content-type, x-client-version\n"), policy);
        assertTrue(policy.contains("\n# the app answered " + SHOP + " with Access-Control-Allow-Credentials: true"
                + " (cookies or HTTP authentication)\nallow-credentials = true\n"), policy);
        assertTrue(policy.contains("\n# WARNING: https://evil.example (6 request(s), 3 preflight(s), first "), policy);
        assertTrue(policy.contains(": the policy in effect refused every request of it; left out."), policy);
        assertTrue(policy.endsWith("\n\n# exposed-headers: the app sent no header besides the CORS-safelisted ones on"
                + " the 6 CORS response(s) checked, and exposed none itself\n"), policy);
        assertFalse(policy.contains("exposed-headers ="), policy);
    }

    /**
     * Requests that carried a cookie make allow-credentials true, and the headers the app sent beyond the safelisted
     * ones make exposed-headers, each with its counts; a plain http:// origin with cookies is a warning, not a value.
     */
    @Test
    void credentialsCarriedAndHeadersSentBecomeAllowCredentialsAndExposedHeaders() {
        String partner = "https://partner.example.org";
        String[] shopFields = {"X-Total-Count", "Content-Type", "Set-Cookie", "X-Request-Id"};
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(3, () -> traffic
                .actual(SHOP, "GET", "/api/orders", true, shopFields)
                .actual(SHOP, "GET", "/api/products", false, new String[] {"X-Request-Id", "Cache-Control"})
                .actual("http://intranet.example.com", "GET", "/api/orders", true, new String[0]));
        traffic.times(2, () -> traffic.actual(partner, "GET", "/api/products", false,
                new String[] {"x-total-count"}));

        ObservedTraffic observed = traffic.observed();
        PolicySuggester suggester = new PolicySuggester(observed, 1);
        String policy = suggester.suggest();
        CorsPolicyEngine engine = enforcing(policy);

        OriginTraffic shop = observed.origins().stream().filter(o -> o.origin.equals(SHOP)).findFirst().orElseThrow();
        assertTrue(policy.contains("\n\n# " + SHOP + ": 3 of 6 request(s) checked carried Cookie or Authorization,"
                + " first " + PolicySuggester.time(shop.credentialedFirst) + ", last "
                + PolicySuggester.time(shop.credentialedLast) + "\nallow-credentials = true\n"
                + "\n# exposed-headers: a page reads only these response headers besides the CORS-safelisted ones;"
                + " keep those your frontends read\n"
                + "# x-request-id: sent by the app on 6 of 8 CORS response(s) checked, to " + SHOP + "\n"
                + "# x-total-count: sent by the app on 5 of 8 CORS response(s) checked, to " + SHOP + ", " + partner
                + "\nexposed-headers = x-request-id, x-total-count\n"), policy);
        assertTrue(suggester.warnings().contains("http://intranet.example.com (3 request(s), first "
                + PolicySuggester.time(observed.origins().stream().filter(o -> o.origin.startsWith("http://"))
                        .findFirst().orElseThrow().first) + ", last "
                + PolicySuggester.time(observed.origins().stream().filter(o -> o.origin.startsWith("http://"))
                        .findFirst().orElseThrow().last) + ", paths /api/orders): plain http:// with credentials (its"
                + " requests carried Cookie or Authorization, or the app allowed them), which anyone on the network"
                + " can impersonate; left out. Serve that frontend over https, or add it knowingly"),
                suggester.warnings()::toString);

        String[] answer = engine.enter("GET", SHOP, null, null, "https", "api.example.com", 443, "/api/orders")
                .commitHeaders(200, new String[0]);
        assertEquals(List.of("Access-Control-Allow-Origin", SHOP, "Access-Control-Allow-Credentials", "true",
                "Access-Control-Expose-Headers", "x-request-id, x-total-count", "Vary", "Origin"), List.of(answer));
        assertFalse(actualAllowed(engine, "http://intranet.example.com", "/api/orders"));
    }

    /** Without credentials carried or allowed, allow-credentials stays false, and says how many requests were checked. */
    @Test
    void noCredentialsSeenKeepsAllowCredentialsFalse() {
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(4, () -> traffic.actual(SHOP, "GET", "/api/a"));
        String policy = new PolicySuggester(traffic.observed(), 1).suggest();
        assertTrue(policy.contains("\n# allow-credentials: none of the 4 request(s) checked carried Cookie or"
                + " Authorization, and the app never answered these origins with Access-Control-Allow-Credentials:"
                + " true\nallow-credentials = false\n"), policy);
    }

    @Test
    void originsSeenOnSomePathsOnlyGetPathRules() {
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(2, () -> traffic
                .actual(SHOP, "GET", "/api/orders/1").actual(SHOP, "GET", "/api/products")
                .actual("https://admin.example.com", "GET", "/admin/users/7")
                .actual("https://partner.example.org", "GET", "/api/products"));

        String policy = new PolicySuggester(traffic.observed(), 1).suggest();
        CorsPolicyEngine engine = enforcing(policy);

        assertTrue(actualAllowed(engine, SHOP, "/api/orders/2"));
        assertTrue(actualAllowed(engine, "https://partner.example.org", "/api/products"));
        assertFalse(actualAllowed(engine, "https://partner.example.org", "/api/orders/2"));
        assertTrue(actualAllowed(engine, "https://admin.example.com", "/admin/users/8"));
        assertFalse(actualAllowed(engine, "https://admin.example.com", "/api/products"));
        assertFalse(actualAllowed(engine, SHOP, "/admin/users/8"));
        assertTrue(policy.contains("\npath./admin/users/**.allowed-origins = https://admin.example.com\n"), policy);
    }

    @Test
    void manySiblingSubdomainsBecomeAWildcardButNeverOverAPublicSuffix() {
        Traffic traffic = new Traffic("mode = audit");
        for (int i = 1; i <= PolicySuggester.WILDCARD_SIBLINGS; i++) {
            String tenant = "https://tenant" + i + ".example.com";
            String pages = "https://user" + i + ".github.io";
            traffic.times(2, () -> traffic.actual(tenant, "GET", "/api/a").actual(pages, "GET", "/api/a"));
        }
        traffic.times(2, () -> traffic.actual("https://one.example.net", "GET", "/api/a"));

        String policy = new PolicySuggester(traffic.observed(), 1).suggest();
        CorsPolicyEngine engine = enforcing(policy);

        assertTrue(policy.contains("# https://*.example.com: 5 sibling subdomains seen, 10 request(s), e.g. "), policy);
        assertTrue(actualAllowed(engine, "https://tenant9.example.com", "/api/a"));
        assertFalse(policy.contains("*.github.io"), policy);
        assertFalse(actualAllowed(engine, "https://stranger.github.io", "/api/a"));
        assertTrue(actualAllowed(engine, "https://user3.github.io", "/api/a"));
        assertFalse(policy.contains("*.example.net"), "one subdomain is no pattern");
        assertEquals("example.co.uk", PolicySuggester.registrableDomain("a.b.example.co.uk"));
        assertEquals(null, PolicySuggester.registrableDomain("co.uk"));
        assertEquals(null, PolicySuggester.registrableDomain("192.168.1.20"));
    }

    @Test
    void whatAHumanMustDecideIsAWarningNotAValue() {
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(2, () -> traffic
                .actual("null", "GET", "/api/a")
                .actual("http://intranet.example.com", "GET", "/api/a", "Access-Control-Allow-Origin",
                        "http://intranet.example.com", "Access-Control-Allow-Credentials", "true")
                .preflight("http://intranet.example.com", "/api/a", "PUT", null)
                .actual("https://reflected.example", "GET", "/api/a", "Access-Control-Allow-Origin",
                        "https://reflected.example")
                .actual("http://localhost:3000", "GET", "/api/a", "Access-Control-Allow-Credentials", "true")
                .preflight("http://localhost:3000", "/api/a", "DELETE", "x-dev")
                .actual("http://localhost:3000", "GET", "/api/b"));
        traffic.actual("https://once.example", "GET", "/api/a");

        PolicySuggester suggester = new PolicySuggester(traffic.observed(), 1);
        String policy = suggester.suggest();
        CorsPolicyEngine engine = enforcing(policy);

        assertTrue(policy.contains("\nallowed-origins = http://localhost:3000\n"), "loopback http is secure: " + policy);
        assertTrue(actualAllowed(engine, "http://localhost:3000", "/api/a"));
        List<String> warnings = suggester.warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("null (2 request(s)")
                && w.contains("): sandboxed iframes, file: pages and some redirects send the origin null")),
                warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("http://intranet.example.com (4 request(s)")
                && w.contains("plain http:// with credentials")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("https://reflected.example (2 request(s)")
                && w.contains("only by reflecting its Origin")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("https://once.example (1 request(s)")
                && w.contains("a single request")), warnings::toString);
        for (String origin : List.of("null", "http://intranet.example.com", "https://reflected.example",
                "https://once.example")) {
            assertFalse(actualAllowed(engine, origin, "/api/a"), origin);
        }

        String strict = new PolicySuggester(traffic.observed(), 10).suggest();
        assertTrue(strict.contains("# not suggested: http://localhost:3000 (6 request(s), 2 preflight(s)"), strict);
        assertTrue(strict.contains("seen fewer than --min-count 10 times; left out"), strict);
        enforcing(strict);
    }

    /**
     * Nothing told of credentials or response headers (preflights only here; a container hook that does not report
     * them looks the same): allow-credentials false saying so, and exposed-headers a warning for a person to decide.
     */
    @Test
    void withoutResponseHeaderNamesExposedHeadersIsAWarning() {
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(3, () -> traffic.preflight(SHOP, "/api/a", "PUT", null));
        PolicySuggester suggester = new PolicySuggester(traffic.observed(), 1);
        String policy = suggester.suggest();
        enforcing(policy);
        assertEquals(List.of("exposed-headers: the agent saw the names of no response header the app sent these"
                + " origins (the hook of this container may not report them); add those your frontends read (e.g. a"
                + " request id)"), suggester.warnings());
        assertTrue(policy.endsWith("\n\n# allow-credentials: no actual request was checked for credentials, and the"
                + " app never answered these origins with Access-Control-Allow-Credentials: true\n"
                + "allow-credentials = false\n\n# exposed-headers: none seen (see the warnings at the top)\n"), policy);
    }

    /** A scan from many origins, each seen once: one warning line, not one per origin. */
    @Test
    void manyOriginsLeftOutForOneReasonAreOneLine() {
        Traffic traffic = new Traffic("mode = audit");
        traffic.times(2, () -> traffic.actual(SHOP, "GET", "/api/a"));
        for (int i = 0; i < 300; i++) {
            traffic.actual("https://" + i + ".scanner.example", "GET", "/api/a");
        }
        PolicySuggester suggester = new PolicySuggester(traffic.observed(), 1);
        String policy = suggester.suggest();
        enforcing(policy);
        assertEquals(List.of("300 origins, each: a single request; left out. Add it if it is one of your frontends"
                + " (e.g. https://0.scanner.example, https://1.scanner.example, https://10.scanner.example,"
                + " https://100.scanner.example, https://101.scanner.example, ...)"),
                suggester.warnings().subList(0, 1), policy);
        assertTrue(policy.contains("\nallowed-origins = " + SHOP + "\n"), policy);
    }

    /** The summaries of two JVMs in their JSON logs, each written twice (the later one counts), merged. */
    @Test
    void logsOfSeveralJvmsAreMerged(@TempDir Path dir) throws Exception {
        Traffic first = new Traffic("mode = audit");
        first.actual(SHOP, "GET", "/api/a", true, new String[] {"X-Total-Count"});
        String early = first.snapshot();
        first.preflight(SHOP, "/api/a", "PATCH", null);
        Traffic second = new Traffic("mode = audit");
        second.times(3, () -> second.preflight(SHOP, "/api/a", "PUT", "x-b"));
        second.actual(SHOP, "GET", "/api/a", false, new String[] {"x-total-count", "X-Page"});

        Path log = dir.resolve("fleet.log");
        Files.write(log, List.of(
                "{\"time\":\"2026-12-07T01:00:00Z\",\"level\":\"INFO\",\"message\":\"active\",\"app\":\"shop-api\"}",
                logLine("shop-api", early), "not json at all", logLine("shop-api", first.snapshot()),
                logLine("billing", second.snapshot())));

        ObservedTraffic merged = ObservedTraffic.fromLogs(List.of(log));
        assertEquals(2, merged.summaries());
        assertEquals(6, merged.requests());
        String policy = new PolicySuggester(merged, 1).suggest();
        enforcing(policy);
        assertTrue(policy.contains("\nallowed-methods = PATCH, PUT\n"), policy);
        assertTrue(policy.contains("\n# " + SHOP + ": 6 request(s), 4 preflight(s)"), policy);
        assertTrue(policy.contains("\n# " + SHOP + ": 1 of 2 request(s) checked carried Cookie or Authorization"),
                policy);
        assertTrue(policy.contains("\n# x-page: sent by the app on 1 of 2 CORS response(s) checked, to " + SHOP
                + "\n# x-total-count: sent by the app on 2 of 2 CORS response(s) checked, to " + SHOP
                + "\nexposed-headers = x-page, x-total-count\n"), policy);
    }

    static String logLine(String app, String snapshot) {
        StringBuilder line = new StringBuilder("{\"time\":\"2026-12-07T01:00:00Z\",\"level\":\"INFO\",\"message\":");
        JsonLinesWriter.quote(line, "CORS traffic seen");
        line.append(",\"app\":");
        JsonLinesWriter.quote(line, app);
        line.append(",\"finding\":\"observed\",\"observed\":");
        JsonLinesWriter.quote(line, snapshot);
        return line.append('}').toString();
    }
}
