package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hook protocol over a fake container: what it reads of a request, when it answers, what it keeps, and how it
 * settles a response's fields; and that a failing adapter costs the request nothing.
 */
class HookProtocolTest {

    private final RecordingEngine engine = new RecordingEngine();
    private final FakeAdapter adapter = new FakeAdapter();

    @BeforeEach
    void install() {
        CorsBridge.install(engine);
    }

    @AfterEach
    void uninstall() {
        CorsBridge.install(null);
        CorsBridge.endEntry(null);
    }

    @Test
    void aRequestWithoutOriginCostsOneFieldLookupAndIsKeptAsLeftAlone() {
        FakeRequest request = new FakeRequest("GET", "/api/items");
        FakeResponse response = new FakeResponse();

        assertFalse(HookProtocol.enter(adapter, request, response));

        assertEquals(List.of("Origin"), request.fieldsRead);
        assertFalse(request.ownFactsRead, "scheme, host or port read for a request without Origin");
        assertEquals("GET null null null null null -1 /api/items", engine.entered);
        assertSame(Boolean.FALSE, request.kept);
        assertSame(Boolean.FALSE, CorsBridge.entryDecision());
        assertEquals(1, CorsBridge.requestsSeen("fake-entry") - engine.seenBefore);
    }

    @Test
    void anActualCorsRequestReadsNoPreflightFieldsAndKeepsItsExchange() {
        FakeRequest request = new FakeRequest("GET", "/api").field("Origin", "https://a.test")
                .field("Access-Control-Request-Method", "PUT");
        engine.decision = new FakeExchange(0);
        FakeResponse response = new FakeResponse();

        assertFalse(HookProtocol.enter(adapter, request, response));

        assertEquals(List.of("Origin"), request.fieldsRead);
        assertEquals("GET https://a.test null null http own.test 8080 /api", engine.entered);
        assertSame(engine.decision, request.kept);
        assertSame(engine.decision, CorsBridge.entryDecision());
        assertSame(engine.decision, CorsBridge.entryDecision(response), "the mark does not name the entry's response");
    }

    @Test
    void aHookThatCannotEndAMarkKeepsTheDecisionWithTheRequestOnly() {
        FakeAdapter unscoped = new FakeAdapter() {
            @Override
            protected boolean marksThread() {
                return false;
            }
        };
        FakeRequest request = new FakeRequest("GET", "/api").field("Origin", "https://a.test");
        engine.decision = new FakeExchange(0);
        FakeResponse response = new FakeResponse();

        assertFalse(HookProtocol.enter(unscoped, request, response));

        assertSame(engine.decision, request.kept);
        assertNull(CorsBridge.entryDecision(), "a mark no advice ends would outlive the request");
        assertNull(CorsBridge.entryDecision(response));
    }

    @Test
    void repeatedFieldsReachTheEngineJoined() {
        FakeRequest request = new FakeRequest("OPTIONS", "/api").field("Origin", "https://a.test")
                .field("origin", "https://b.test").field("Access-Control-Request-Method", "PUT")
                .field("Access-Control-Request-Headers", "x-a").field("access-control-request-headers", "x-b");

        HookProtocol.enter(adapter, request, new FakeResponse());

        assertEquals("OPTIONS https://a.test, https://b.test PUT x-a, x-b http own.test 8080 /api", engine.entered);
    }

    @Test
    void aPreflightIsAnsweredAndNothingIsKept() {
        FakeRequest request = new FakeRequest("OPTIONS", "/api").field("Origin", "https://a.test")
                .field("Access-Control-Request-Method", "PUT");
        FakeResponse response = new FakeResponse();
        engine.decision = new FakeExchange(204, "Access-Control-Allow-Origin", "https://a.test", "Vary", "Origin");

        assertTrue(HookProtocol.enter(adapter, request, response));

        assertEquals(204, response.status);
        assertEquals(List.of("Access-Control-Allow-Origin: https://a.test", "Vary: Origin"), response.fields());
        assertTrue(response.answered);
        assertNull(request.kept);
        assertNull(CorsBridge.entryDecision());
    }

    @Test
    void aResponseCommittedAlreadyIsNotAnsweredAndTheRequestIsLeftAlone() {
        FakeRequest request = new FakeRequest("OPTIONS", "/api").field("Origin", "https://a.test")
                .field("Access-Control-Request-Method", "PUT");
        FakeResponse response = new FakeResponse();
        response.committed = true;
        engine.decision = new FakeExchange(204, "Access-Control-Allow-Origin", "https://a.test");

        assertFalse(HookProtocol.enter(adapter, request, response));

        assertEquals(0, response.status);
        assertEquals(List.of(), response.fields());
        assertSame(Boolean.FALSE, request.kept);
    }

    @Test
    void aPathTheContainerCannotMakeCanonicalIsLeftAloneUndecided() {
        FakeRequest request = new FakeRequest("GET", null).field("Origin", "https://a.test");

        assertFalse(HookProtocol.enter(adapter, request, new FakeResponse()));

        assertNull(engine.entered);
        assertSame(Boolean.FALSE, request.kept);
    }

    @Test
    void theCommitReadsManagedValuesOnlyAndReplacesThemWithTheSettledSet() {
        FakeResponse response = new FakeResponse().field("Content-Type", "text/plain")
                .field("Access-Control-Allow-Origin", "*").field("vary", "Accept").field("VARY", "Cookie")
                .field("X-Trace", "1");
        response.status = 201;
        FakeExchange exchange = new FakeExchange(0);
        exchange.settled = new String[] {"Access-Control-Allow-Origin", "https://a.test", "Vary", "Accept, Cookie, Origin"};
        response.kept = exchange;

        HookProtocol.commit(adapter, response);

        assertEquals(List.of("Access-Control-Allow-Origin", "vary", "VARY"), response.valuesRead);
        assertEquals("201 [Access-Control-Allow-Origin, *, vary, Accept, VARY, Cookie]", exchange.committed);
        // Each name present removed once, however many lines it had.
        assertEquals(List.of("Access-Control-Allow-Origin", "vary"), response.removed);
        assertEquals(List.of("Content-Type: text/plain", "X-Trace: 1", "Access-Control-Allow-Origin: https://a.test",
                "Vary: Accept, Cookie, Origin"), response.fields());
    }

    @Test
    void aResponseWithoutExchangeOrWhoseExchangeLeavesItIsNotTouched() {
        FakeResponse leftAlone = new FakeResponse().field("Access-Control-Allow-Origin", "*");
        leftAlone.kept = Boolean.FALSE;
        HookProtocol.commit(adapter, leftAlone);
        assertEquals(List.of(), leftAlone.valuesRead);

        FakeResponse kept = new FakeResponse().field("Access-Control-Allow-Origin", "*");
        FakeExchange exchange = new FakeExchange(0);
        exchange.settled = null;
        kept.kept = exchange;
        HookProtocol.commit(adapter, kept);
        assertEquals("200 [Access-Control-Allow-Origin, *]", exchange.committed);
        assertEquals(List.of("Access-Control-Allow-Origin: *"), kept.fields());
        assertEquals(List.of(), kept.removed);
    }

    @Test
    void settlingDoesNotReportAndLeavesACommittedResponseAlone() {
        FakeExchange exchange = new FakeExchange(0);
        exchange.settled = new String[] {"Access-Control-Allow-Origin", "https://a.test"};
        FakeResponse response = new FakeResponse();

        HookProtocol.settle(adapter, response, exchange);
        assertNull(exchange.committed);
        assertEquals(List.of("Access-Control-Allow-Origin: https://a.test"), response.fields());

        FakeResponse committed = new FakeResponse();
        committed.committed = true;
        HookProtocol.settle(adapter, committed, exchange);
        assertEquals(List.of(), committed.fields());
    }

    @Test
    void reportingACommittedResponseSaysSoAndEditsNothing() {
        FakeExchange exchange = new FakeExchange(0);
        exchange.settled = new String[] {"Access-Control-Allow-Origin", "https://a.test"};
        FakeResponse response = new FakeResponse().field("Access-Control-Allow-Origin", "*");
        response.committed = true;

        HookProtocol.report(adapter, response, exchange);

        assertEquals("200 [Access-Control-Allow-Origin, *]", exchange.committed);
        assertEquals("the app committed this response before the servlet-level fallback could settle its headers",
                exchange.unsettled);
        assertEquals(List.of("Access-Control-Allow-Origin: *"), response.fields());
    }

    @Test
    void credentialsAreLookedForOnlyWhenTheExchangeObservesThem() {
        FakeExchange observing = new FakeExchange(0);
        observing.observes = true;
        engine.decision = observing;
        FakeRequest withCookie = new FakeRequest("GET", "/api").field("Origin", "https://a.test")
                .field("Cookie", "sid=1");
        HookProtocol.enter(adapter, withCookie, new FakeResponse());
        assertEquals(List.of("Origin", "Cookie"), withCookie.fieldsRead);
        assertEquals(Boolean.TRUE, observing.credentials);

        FakeRequest bare = new FakeRequest("GET", "/api").field("Origin", "https://a.test");
        HookProtocol.enter(adapter, bare, new FakeResponse());
        assertEquals(List.of("Origin", "Cookie", "Authorization"), bare.fieldsRead);
        assertEquals(Boolean.FALSE, observing.credentials);

        FakeRequest withToken = new FakeRequest("GET", "/api").field("Origin", "https://a.test")
                .field("authorization", "Bearer x");
        HookProtocol.enter(adapter, withToken, new FakeResponse());
        assertEquals(Boolean.TRUE, observing.credentials);
    }

    @Test
    void theOtherFieldNamesReachAnExchangeThatObservesThemBeforeItsCommit() {
        FakeExchange exchange = new FakeExchange(0);
        exchange.observes = true;
        FakeResponse response = new FakeResponse().field("Content-Type", "text/plain").field("Vary", "Accept")
                .field("X-Total-Count", "7");
        response.kept = exchange;

        HookProtocol.commit(adapter, response);

        assertEquals("[Content-Type, X-Total-Count] before 200 [Vary, Accept]", exchange.names + " before "
                + exchange.committed);
        assertEquals(List.of("Vary"), response.valuesRead);
    }

    @Test
    void aFailingAdapterIsReportedUnderItsHookAndTheRequestGoesOn() {
        FakeRequest request = new FakeRequest("GET", "/api").field("Origin", "https://a.test");
        request.failWith = new NoSuchMethodError("MimeHeaders.size()");

        assertFalse(HookProtocol.enter(adapter, request, new FakeResponse()));
        assertEquals(List.of("fake.entry: java.lang.NoSuchMethodError: MimeHeaders.size()"), engine.failures);

        FakeResponse response = new FakeResponse();
        response.kept = new FakeExchange(0);
        response.failWith = new IllegalStateException("fields gone");
        HookProtocol.commit(adapter, response);
        assertEquals("fake.commit: java.lang.IllegalStateException: fields gone", engine.failures.get(1));
    }

    @Test
    void withoutAnAdapterNothingHappens() {
        FakeRequest request = new FakeRequest("GET", "/api").field("Origin", "https://a.test");
        FakeResponse response = new FakeResponse();
        assertFalse(HookProtocol.enter(null, request, response));
        assertNull(HookProtocol.decide(null, request));
        HookProtocol.commit(null, response);
        assertNull(engine.entered);
        assertNull(request.kept);
    }

    private static final class FakeRequest {
        final String method;
        final String path;
        final List<String[]> fields = new ArrayList<>();
        final List<String> fieldsRead = new ArrayList<>();
        boolean ownFactsRead;
        Object kept;
        Error failWith;

        FakeRequest(String method, String path) {
            this.method = method;
            this.path = path;
        }

        FakeRequest field(String name, String value) {
            fields.add(new String[] {name, value});
            return this;
        }
    }

    private static final class FakeResponse {
        final List<String[]> fields = new ArrayList<>();
        final List<String> valuesRead = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        int status;
        boolean committed;
        boolean answered;
        Object kept;
        RuntimeException failWith;

        FakeResponse field(String name, String value) {
            fields.add(new String[] {name, value});
            return this;
        }

        List<String> fields() {
            List<String> lines = new ArrayList<>();
            for (String[] field : fields) {
                lines.add(field[0] + ": " + field[1]);
            }
            return lines;
        }
    }

    static class FakeAdapter extends ContainerAdapter<FakeRequest, FakeResponse> {

        FakeAdapter() {
            super("fake", "fake-entry");
        }

        @Override
        protected String method(FakeRequest request) {
            return request.method;
        }

        @Override
        protected String path(FakeRequest request) {
            return request.path;
        }

        @Override
        protected String requestField(FakeRequest request, String name) {
            if (request.failWith != null) {
                throw request.failWith;
            }
            request.fieldsRead.add(name);
            String joined = null;
            for (String[] field : request.fields) {
                if (field[0].equalsIgnoreCase(name)) {
                    joined = CorsBridge.joinFieldValue(joined, field[1]);
                }
            }
            return joined;
        }

        @Override
        protected String scheme(FakeRequest request) {
            request.ownFactsRead = true;
            return "http";
        }

        @Override
        protected String host(FakeRequest request) {
            request.ownFactsRead = true;
            return "own.test";
        }

        @Override
        protected int port(FakeRequest request) {
            request.ownFactsRead = true;
            return 8080;
        }

        @Override
        protected void keep(FakeRequest request, FakeResponse response, Object decision) {
            request.kept = decision;
        }

        @Override
        protected Object kept(FakeResponse response) {
            return response.kept;
        }

        @Override
        protected boolean isCommitted(FakeResponse response) {
            return response.committed;
        }

        @Override
        protected int status(FakeResponse response) {
            return response.status == 0 ? 200 : response.status;
        }

        @Override
        protected void setStatus(FakeResponse response, int status) {
            response.status = status;
        }

        @Override
        protected void readFields(FakeResponse response, ResponseFields fields) {
            if (response.failWith != null) {
                throw response.failWith;
            }
            for (String[] field : response.fields) {
                if (fields.wants(field[0])) {
                    response.valuesRead.add(field[0]);
                    fields.add(field[0], field[1]);
                }
            }
        }

        @Override
        protected void removeField(FakeResponse response, String name) {
            response.removed.add(name);
            response.fields.removeIf(field -> field[0].equalsIgnoreCase(name));
        }

        @Override
        protected void addField(FakeResponse response, String name, String value) {
            response.fields.add(new String[] {name, value});
        }

        @Override
        protected void answered(FakeRequest request, FakeResponse response) {
            response.answered = true;
        }
    }

    private static final class FakeExchange extends CorsExchange {
        final int answerStatus;
        final String[] answerHeaders;
        String[] settled = CorsBridge.NO_HEADERS;
        String committed;
        String unsettled;
        boolean observes;
        Boolean credentials;
        String names;

        FakeExchange(int answerStatus, String... answerHeaders) {
            super(true);
            this.answerStatus = answerStatus;
            this.answerHeaders = answerHeaders;
        }

        @Override
        public int answerStatus() {
            return answerStatus;
        }

        @Override
        public String[] answerHeaders() {
            return answerHeaders;
        }

        @Override
        public boolean observesCredentials() {
            return observes;
        }

        @Override
        public void credentials(boolean carried) {
            credentials = carried;
        }

        @Override
        public boolean observesResponseFields() {
            return observes;
        }

        @Override
        public void responseFieldNames(String[] fieldNames) {
            names = Arrays.toString(fieldNames) + (committed == null ? "" : " (after the commit)");
        }

        @Override
        public String[] commitHeaders(int status, String[] appHeaders) {
            committed = status + " " + Arrays.toString(appHeaders);
            return settled;
        }

        @Override
        public String[] settleHeaders(String[] appHeaders) {
            return settled;
        }

        @Override
        public void unsettled(String reason) {
            unsettled = reason;
        }
    }

    private static final class RecordingEngine implements CorsEngine {
        final long seenBefore = CorsBridge.requestsSeen("fake-entry");
        final List<String> failures = new ArrayList<>();
        CorsExchange decision;
        String entered;

        @Override
        public CorsExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                                  String scheme, String host, int port, String path) {
            entered = method + " " + origin + " " + requestMethod + " " + requestHeaders + " " + scheme + " " + host
                    + " " + port + " " + path;
            return decision;
        }

        @Override
        public void failed(String hook, Throwable error) {
            failures.add(hook + ": " + error);
        }
    }
}
