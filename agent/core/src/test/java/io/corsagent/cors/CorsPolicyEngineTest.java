package io.corsagent.cors;

import java.util.ArrayList;
import java.util.List;

import io.corsagent.policy.Mode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Modes, events, binding to a policy snapshot, and the bound on Access-Control-Request-Headers. */
class CorsPolicyEngineTest {

    private static final String POLICY = """
            allowed-origins = https://app.example.com
            allowed-methods = PUT
            allowed-headers = *
            allow-credentials = true
            path./strict/**.reject-disallowed = true
            """;

    /** Records every event, for assertions. */
    static final class Recorder implements CorsEvents {
        final List<CorsDecision> decisions = new ArrayList<>();
        final List<String> commits = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        @Override
        public Object decided(CorsDecision decision) {
            decisions.add(decision);
            return null;
        }

        @Override
        public void committed(CorsDecision decision, int status, String[] appHeaders, String[] policyHeaders) {
            commits.add(decision.kind() + " " + status + " app[" + Requests.show(appHeaders) + "] policy["
                    + Requests.show(policyHeaders) + "]");
        }

        @Override
        public void failed(String hook, Throwable error) {
            failures.add(hook + ": " + error.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"AUDIT", "OFF"})
    void auditAndOffChangeNothingButReportWhatEnforceWouldDo(Mode mode) {
        Recorder events = new Recorder();
        CorsPolicyEngine engine = Requests.engine(POLICY, mode, events);

        PolicyExchange preflight = Requests.enter(engine, "OPTIONS", "https://api.example.com/x",
                "https://evil.test", "PUT", null);
        assertEquals(0, preflight.answerStatus());
        assertEquals(0, preflight.answerHeaders().length);
        assertEquals(403, preflight.enforcedStatus());
        assertEquals(Reason.ORIGIN_NOT_ALLOWED, preflight.reason());
        assertEquals("https://evil.test", preflight.reasonDetail());
        assertNull(preflight.commitHeaders(200, Requests.headers("ACAO=*")));

        PolicyExchange actual = Requests.enter(engine, "GET", "https://api.example.com/x",
                "https://app.example.com", null, null);
        assertNull(actual.commitHeaders(200, Requests.headers("ACAO=https://app.example.com")));

        PolicyExchange strict = Requests.enter(engine, "GET", "https://api.example.com/strict/a",
                "https://evil.test", null, null);
        assertEquals(0, strict.answerStatus());
        assertEquals(403, strict.enforcedStatus());

        assertEquals(3, events.decisions.size());
        assertEquals(List.of(
                "PREFLIGHT 200 app[ACAO=*] policy[(unchanged)]",
                "ACTUAL 200 app[ACAO=https://app.example.com] policy[ACAO=https://app.example.com; ACAC=true; Vary=Origin]"),
                events.commits);
        assertEquals(mode, events.decisions.get(0).mode());
    }

    @Test
    void enforceReportsDecisionsAndCommits() {
        Recorder events = new Recorder();
        CorsPolicyEngine engine = Requests.engine(POLICY, Mode.ENFORCE, events);
        PolicyExchange exchange = Requests.enter(engine, "OPTIONS", "https://api.example.com/x",
                "https://app.example.com", "PUT", "x-a,Authorization");

        assertEquals(403, exchange.answerStatus());
        CorsDecision decision = events.decisions.get(0);
        assertSame(exchange, decision);
        assertEquals(RequestKind.PREFLIGHT, decision.kind());
        assertEquals(Reason.HEADER_NOT_ALLOWED, decision.reason());
        assertEquals(Reason.Check.HEADERS, decision.reason().check());
        assertEquals("Authorization", decision.reasonDetail());
        assertEquals("top-level", decision.rule().name());
        assertEquals("x-a,Authorization", decision.requestHeaders());

        PolicyExchange plain = Requests.enter(engine, "GET", "https://api.example.com/x", null, null, null);
        assertArrayEquals(Requests.headers("Vary=Accept, Origin"),
                plain.commitHeaders(304, Requests.headers("Vary=Accept; ACAO=*")));
        assertEquals(List.of("NOT_CORS 304 app[Vary=Accept; ACAO=*] policy[Vary=Accept, Origin]"), events.commits);
    }

    @Test
    void nonCorsRequestsShareOnePreallocatedExchangePerRule() {
        CorsPolicyEngine engine = Requests.engine(POLICY, Mode.ENFORCE, CorsEvents.NONE);
        PolicyExchange first = Requests.enter(engine, "GET", "https://api.example.com/a", null, null, null);
        PolicyExchange second = Requests.enter(engine, "POST", "https://api.example.com/b", null, null, null);
        PolicyExchange sameOrigin = Requests.enter(engine, "POST", "https://api.example.com/b",
                "https://api.example.com", null, null);
        PolicyExchange strictRule = Requests.enter(engine, "GET", "https://api.example.com/strict/x", null, null, null);
        assertSame(first, second);
        assertSame(first, sameOrigin);
        assertEquals("path./strict/**", strictRule.rule().name());
        assertNull(first.origin());
        assertNull(first.path());
    }

    @Test
    void anExchangeKeepsThePolicyItWasCreatedWith() {
        CorsPolicyEngine before = Requests.engine(POLICY, Mode.ENFORCE, CorsEvents.NONE);
        PolicyExchange exchange = Requests.enter(before, "GET", "https://api.example.com/x",
                "https://app.example.com", null, null);
        CorsPolicyEngine after = Requests.engine("allowed-origins = https://other.example.com", Mode.ENFORCE,
                CorsEvents.NONE);
        // The new engine refuses the origin; the request that started under the old one still gets its answer.
        assertEquals("Vary=Origin", Requests.show(Requests.enter(after, "GET", "https://api.example.com/x",
                "https://app.example.com", null, null).commitHeaders(200, new String[0])));
        assertEquals("ACAO=https://app.example.com; ACAC=true; Vary=Origin",
                Requests.show(exchange.commitHeaders(200, new String[0])));
    }

    @Test
    void failuresGoToTheListenerAndAFailingListenerIsContained() {
        Recorder events = new Recorder();
        Requests.engine(POLICY, Mode.ENFORCE, events).failed("tomcat.enter", new IllegalStateException("boom"));
        assertEquals(List.of("tomcat.enter: boom"), events.failures);

        CorsEvents throwing = new CorsEvents() {
            @Override
            public void failed(String hook, Throwable error) {
                throw new IllegalStateException("listener broke");
            }
        };
        Requests.engine(POLICY, Mode.ENFORCE, throwing).failed("jetty.commit", new RuntimeException("x"));
    }

    // ------------------------------------------------------------------ bounded Access-Control-Request-Headers

    private static PolicyExchange preflightWithHeaders(String requestHeaders) {
        CorsPolicyEngine engine = Requests.engine(POLICY, Mode.ENFORCE, CorsEvents.NONE);
        return Requests.enter(engine, "OPTIONS", "https://api.example.com/x", "https://app.example.com", "PUT",
                requestHeaders);
    }

    private static String names(int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            names.append(i == 0 ? "" : ",").append("x-h").append(i);
        }
        return names.toString();
    }

    @Test
    void theLastAllowedElementCountIsAnswered() {
        PolicyExchange exchange = preflightWithHeaders(names(RequestedHeaders.MAX_ELEMENTS));
        assertEquals(204, exchange.answerStatus());
        assertEquals(names(RequestedHeaders.MAX_ELEMENTS), exchange.answerHeaders()[7]);
    }

    @Test
    void oneElementMoreIsRefusedWithoutReadingFurther() {
        PolicyExchange exchange = preflightWithHeaders(names(RequestedHeaders.MAX_ELEMENTS + 1));
        assertEquals(403, exchange.answerStatus());
        assertEquals(Reason.HEADERS_TOO_MANY, exchange.reason());
    }

    @Test
    void emptyElementsCountTowardsTheBound() {
        String commas = ",".repeat(RequestedHeaders.MAX_LENGTH);
        PolicyExchange exchange = preflightWithHeaders(commas);
        assertEquals(403, exchange.answerStatus());
        assertEquals(Reason.HEADERS_TOO_MANY, exchange.reason());
        assertEquals("more than 64 elements", exchange.reasonDetail());
    }

    @Test
    void aHostileEightKibValueIsRefusedBeforeItIsRead() {
        String hostile = ", ".repeat(4096);
        assertEquals(8192, hostile.length());
        PolicyExchange exchange = preflightWithHeaders(hostile);
        assertEquals(403, exchange.answerStatus());
        assertEquals(Reason.HEADERS_TOO_LONG, exchange.reason());
        assertEquals("8192 characters", exchange.reasonDetail());
        assertEquals(Reason.HEADERS_TOO_LONG,
                preflightWithHeaders("a".repeat(RequestedHeaders.MAX_LENGTH + 1)).reason());
        assertEquals(Reason.HEADERS_TOO_MANY,
                preflightWithHeaders("a,".repeat(RequestedHeaders.MAX_LENGTH / 2)).reason());
    }
}
