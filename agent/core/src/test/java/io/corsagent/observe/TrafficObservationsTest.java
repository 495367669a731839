package io.corsagent.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.corsagent.audit.Finding;
import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.CorsPolicyEngine;
import io.corsagent.cors.PolicyExchange;
import io.corsagent.policy.Mode;
import io.corsagent.policy.PolicyLoader;
import io.corsagent.tools.JsonParser;

/** What the traffic summary records, and that it stays bounded whatever clients send. */
class TrafficObservationsTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Finding> lines = new ArrayList<>();
    private final TrafficObservations observations = new TrafficObservations(lines::add, now::get);
    private final CorsPolicyEngine engine = engine(Mode.AUDIT);

    private CorsPolicyEngine engine(Mode mode) {
        return new CorsPolicyEngine(PolicyLoader.parse("p.properties", String.join("\n",
                "allowed-origins = https://app.example.com", "allowed-methods = PUT",
                "allowed-headers = Content-Type")).policy(), mode, new CorsEvents() {
                    @Override
                    public Object decided(CorsDecision decision) {
                        return observations.decided(decision);
                    }

                    @Override
                    public void committed(CorsDecision decision, int status, String[] app, String[] policy) {
                        observations.committed(decision, app);
                    }

                    @Override
                    public boolean observesCredentials(CorsDecision decision) {
                        return observations.observesCredentials(decision);
                    }

                    @Override
                    public void credentials(CorsDecision decision, boolean carried) {
                        observations.credentials(decision, carried);
                    }

                    @Override
                    public boolean observesResponseFields(CorsDecision decision) {
                        return observations.observesResponseFields(decision);
                    }

                    @Override
                    public void responseFieldNames(CorsDecision decision, String[] names) {
                        observations.responseFieldNames(decision, names);
                    }
                });
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(TrafficObservations.PROPERTY);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> origin(String snapshot, String origin) {
        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(snapshot);
        for (Object item : (List<Object>) json.get("origins")) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (origin.equals(entry.get("origin"))) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void recordsWhatPreflightsAskedForThePathsAndTheAppsAnswer() {
        engine.enter("OPTIONS", "https://app.example.com", "PUT", "Content-Type, X-Trace", "https", "api.example.com",
                443, "/api/orders/42").commitHeaders(401, new String[0]);
        now.addAndGet(5_000);
        engine.enter("GET", "https://app.example.com", null, null, "https", "api.example.com", 443, "/api/account")
                .commitHeaders(200, new String[] {"Access-Control-Allow-Origin", "https://app.example.com",
                        "Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers", "X-Request-Id"});
        engine.enter("GET", null, null, null, "https", "api.example.com", 443, "/api/status")
                .commitHeaders(200, new String[0]);

        Map<String, Object> app = origin(observations.snapshot(10), "https://app.example.com");
        assertNotNull(app);
        assertEquals(2L, app.get("requests"));
        assertEquals(1L, app.get("preflights"));
        assertEquals(1L, app.get("allowedByPolicy"), "the preflight asked for a header the policy refuses");
        assertEquals(1L, app.get("reflected"));
        assertEquals(Boolean.TRUE, app.get("appCredentials"));
        assertEquals(List.of("PUT"), app.get("preflightMethods"));
        assertEquals(List.of("GET"), app.get("actualMethods"));
        assertEquals(List.of("content-type", "x-trace"), app.get("requestedHeaders"));
        assertEquals(List.of("/api/orders", "/api/account"), app.get("paths"));
        assertEquals(List.of("x-request-id"), app.get("appExposed"));
        assertEquals(now.get() - 5_000, app.get("first"));
        assertEquals(now.get(), app.get("last"));
    }

    /** An actual request as a hook reports it through the protocol: each fact only when the exchange asks. */
    private static boolean[] report(PolicyExchange exchange, boolean credentials, String... fieldNames) {
        boolean[] asked = {exchange.observesCredentials(), exchange.observesResponseFields()};
        if (asked[0]) {
            exchange.credentials(credentials);
        }
        if (asked[1]) {
            exchange.responseFieldNames(fieldNames);
        }
        exchange.commitHeaders(200, new String[0]);
        return asked;
    }

    private PolicyExchange actual(String origin) {
        return engine.enter("GET", origin, null, null, "https", "api.example.com", 443, "/api/orders");
    }

    @Test
    void recordsWhetherRequestsCarriedCredentialsAndTheHeadersTheAppSent() {
        long first = now.get();
        report(actual("https://app.example.com"), true, "X-Total-Count", "Content-Type", "Set-Cookie",
                "x-total-count", "ETag", "Cache-Control", "X-Request-Id", "set-cookie2", "Pragma", "Date",
                "Server", "Transfer-Encoding");
        now.addAndGet(3_000);
        report(actual("https://app.example.com"), false, "X-Total-Count");
        now.addAndGet(3_000);
        report(actual("https://app.example.com"), true);
        // A preflight tells neither: the hook is not asked for either fact.
        PolicyExchange preflight = engine.enter("OPTIONS", "https://app.example.com", "PUT", null, "https",
                "api.example.com", 443, "/api/orders");
        assertFalse(preflight.observesCredentials());
        assertFalse(preflight.observesResponseFields());

        Map<String, Object> app = origin(observations.snapshot(10), "https://app.example.com");
        assertEquals(3L, app.get("credentialsChecked"));
        assertEquals(2L, app.get("credentialed"));
        assertEquals(first, app.get("credentialedFirst"));
        assertEquals(now.get(), app.get("credentialedLast"));
        assertEquals(3L, app.get("responsesChecked"));
        // Lower-cased, counted once per response; never the safelisted ones or the cookie ones.
        assertEquals(List.of("x-total-count", "etag", "x-request-id"),
                List.copyOf(((Map<?, ?>) app.get("responseHeaders")).keySet()));
        assertEquals(Map.of("x-total-count", 2L, "etag", 1L, "x-request-id", 1L), app.get("responseHeaders"));
        assertNull(app.get("responseHeadersIncomplete"));
    }

    /**
     * The hook looks for credentials and walks the response's fields for each of an origin's first LEARNING actual
     * requests, then for one in SAMPLE_EVERY: a steady stream does not pay for them forever.
     */
    @Test
    void looksAtCredentialsAndResponseFieldsWhileLearningThenForASample() {
        for (int i = 0; i < ObservedOrigin.LEARNING; i++) {
            boolean[] asked = report(actual("https://app.example.com"), true, "X-Total-Count");
            assertTrue(asked[0] && asked[1], "request " + i + " while learning");
        }
        int askedCredentials = 0;
        int askedFields = 0;
        int rounds = 4;
        for (int i = 0; i < rounds * ObservedOrigin.SAMPLE_EVERY; i++) {
            boolean[] asked = report(actual("https://app.example.com"), true, "X-Total-Count");
            askedCredentials += asked[0] ? 1 : 0;
            askedFields += asked[1] ? 1 : 0;
        }
        assertEquals(rounds, askedCredentials);
        assertEquals(rounds, askedFields);
        Map<String, Object> app = origin(observations.snapshot(10), "https://app.example.com");
        assertEquals((long) ObservedOrigin.LEARNING + rounds, app.get("credentialsChecked"));
        assertEquals((long) ObservedOrigin.LEARNING + rounds, app.get("credentialed"));
        assertEquals(Map.of("x-total-count", (long) ObservedOrigin.LEARNING + rounds), app.get("responseHeaders"));

        // An origin the summary does not keep (malformed) is never asked about.
        assertFalse(actual("https://a.example, https://b.example").observesCredentials());
        assertFalse(actual("https://a.example, https://b.example").observesResponseFields());
    }

    /** Response header names an app (or a proxy in front of a hostile client) makes up stay bounded and out. */
    @Test
    void oddAndEndlessResponseHeaderNamesStayBounded() {
        for (int i = 0; i < 50; i++) {
            report(actual("https://app.example.com"), false, "X-Gen-" + i + "-" + "a".repeat(i), "X-Total-Count",
                    "x" + "y".repeat(100), "X Bad", "X-\0", "");
        }
        Map<String, Object> app = origin(observations.snapshot(10), "https://app.example.com");
        Map<?, ?> sent = (Map<?, ?>) app.get("responseHeaders");
        assertEquals(ObservedOrigin.MAX_RESPONSE_HEADERS, sent.size());
        assertEquals(1L, sent.get("x-gen-0-"));
        assertEquals(50L, sent.get("x-total-count"));
        assertEquals(Boolean.TRUE, app.get("responseHeadersIncomplete"));
        for (Object name : sent.keySet()) {
            assertTrue(((String) name).length() <= ObservedOrigin.MAX_NAME_LENGTH && !((String) name).contains(" "),
                    (String) name);
        }
    }

    @Test
    void enforceModeIsObservedToo() {
        engine(Mode.ENFORCE).enter("GET", "https://other.example", null, null, "https", "api.example.com", 443, "/")
                .commitHeaders(200, new String[0]);
        assertNotNull(origin(observations.snapshot(10), "https://other.example"));
    }

    @Test
    void publishesThePropertyAndALogLineWhenSomethingNewWasLearnt() {
        observations.publish();
        assertNull(System.getProperty(TrafficObservations.PROPERTY), "nothing seen: nothing published");
        engine.enter("GET", "https://app.example.com", null, null, "https", "api.example.com", 443, "/a")
                .commitHeaders(200, new String[0]);
        observations.publish();
        assertNotNull(origin(System.getProperty(TrafficObservations.PROPERTY), "https://app.example.com"));
        assertEquals(1, lines.size());
        assertEquals("observed", lines.get(0).kind());
        assertTrue(lines.get(0).message().startsWith("CORS traffic seen since the start: 1 request(s) from 1"
                + " origin(s)"), lines.get(0).message());
        assertNotNull(origin(lines.get(0).fields().get("observed"), "https://app.example.com"));

        // Only counts grew: the property follows within seconds, the log once an hour.
        engine.enter("GET", "https://app.example.com", null, null, "https", "api.example.com", 443, "/a")
                .commitHeaders(200, new String[0]);
        now.addAndGet(TrafficObservations.LEARNT_MILLIS);
        observations.publish();
        assertEquals(2L, origin(System.getProperty(TrafficObservations.PROPERTY), "https://app.example.com")
                .get("requests"));
        assertEquals(1, lines.size());
        now.addAndGet(TrafficObservations.COUNTS_MILLIS);
        observations.publish();
        assertEquals(2, lines.size());
    }

    /**
     * 100,000 requests with random origins, random requested headers and random paths, after a real frontend: the
     * summary keeps at most MAX_ORIGINS origins (the frontend among them), counts the rest, and the log gets a few
     * lines of bounded size however long the flood lasts.
     */
    @Test
    void hostileFloodWithRandomOriginsStaysBounded() {
        for (int i = 0; i < 3; i++) {
            engine.enter("OPTIONS", "https://app.example.com", "PUT", "content-type", "https", "api.example.com", 443,
                    "/api/orders").commitHeaders(204, new String[0]);
        }
        observations.publish();
        Random random = new Random(42);
        int flood = 100_000;
        for (int i = 0; i < flood; i++) {
            String origin = "https://" + Long.toHexString(random.nextLong()) + ".example";
            engine.enter("OPTIONS", origin, "PUT", "x-" + Long.toHexString(random.nextLong()), "https",
                    "api.example.com", 443, "/api/" + Long.toHexString(random.nextLong()))
                    .commitHeaders(401, new String[0]);
            // The frontend itself sends hostile header names and paths too: its sets stay bounded.
            engine.enter("OPTIONS", "https://app.example.com", "PUT", "x-" + i, "https", "api.example.com", 443,
                    "/p" + i + "/q").commitHeaders(204, new String[0]);
            if (i % 1000 == 0) {
                now.addAndGet(1_000);
                observations.publish();
            }
        }
        now.addAndGet(TrafficObservations.COUNTS_MILLIS);
        observations.publish();

        assertEquals(TrafficObservations.MAX_ORIGINS, observations.origins());
        assertEquals(flood - (TrafficObservations.MAX_ORIGINS - 1), observations.others());
        Map<String, Object> app = origin(observations.snapshot(TrafficObservations.MAX_ORIGINS),
                "https://app.example.com");
        assertEquals(3L + flood, app.get("requests"));
        assertEquals(ObservedOrigin.MAX_HEADERS, ((List<?>) app.get("requestedHeaders")).size());
        assertEquals(Boolean.TRUE, app.get("requestedHeadersIncomplete"));
        assertEquals(ObservedOrigin.MAX_PATHS, ((List<?>) app.get("paths")).size());
        // A line when the frontend was first seen, a line a minute while the store filled (it fills within the first
        // 2,000 requests here), then one for the counts after an hour: never one per origin or per request.
        assertTrue(lines.size() <= 4, lines.size() + " lines");
        for (Finding line : lines) {
            assertTrue(line.fields().get("observed").length() < 200 * 1024, "a log line stays bounded");
        }
        String last = lines.get(lines.size() - 1).fields().get("observed");
        assertNotNull(origin(last, "https://app.example.com"), "the frontend, the most frequent origin, is logged");
        assertFalse(last.contains("\"others\":0"));
    }

    @Test
    void malformedOriginsAreCountedNotKept() {
        engine.enter("GET", "https://a.example, https://b.example", null, null, "https", "api.example.com", 443, "/")
                .commitHeaders(200, new String[0]);
        engine.enter("GET", "HTTPS://UPPER.example/", null, null, "https", "api.example.com", 443, "/")
                .commitHeaders(200, new String[0]);
        engine.enter("GET", "null", null, null, "https", "api.example.com", 443, "/")
                .commitHeaders(200, new String[0]);
        String snapshot = observations.snapshot(10);
        assertTrue(snapshot.contains("\"malformed\":2"), snapshot);
        assertNotNull(origin(snapshot, "null"));
        assertEquals(1, observations.origins());
    }
}
