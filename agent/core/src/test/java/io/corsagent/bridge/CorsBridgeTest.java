package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing an engine throws leaves the bridge, not even from the engine's own failure report; requests wait while
 * the agent starts; and the bridge's header helpers the advice uses.
 */
class CorsBridgeTest {

    private static final IllegalStateException ENTER_FAILURE = new IllegalStateException("enter failed");

    @AfterEach
    void uninstall() {
        CorsBridge.install(null);
        CorsBridge.startEnded();
    }

    @Test
    void theManagedHeadersAreVaryAndAccessControlInAnyCase() {
        for (String name : List.of("Vary", "vary", "VARY", "vAry", "Access-Control-Allow-Origin", "access-control-max-age",
                "ACCESS-CONTROL-EXPOSE-HEADERS", "Access-Control-")) {
            assertTrue(CorsBridge.isManagedHeader(name), name);
        }
        for (String name : Arrays.asList(null, "", "V", "Var", "Varys", "X-Vary", "Accept", "Access-Control",
                "Accesscontrol-Allow-Origin", "Content-Type", "Origin", "A")) {
            assertFalse(CorsBridge.isManagedHeader(name), String.valueOf(name));
        }
    }

    @Test
    void anEntryMarksOnlyItsOwnThreadAndOnlyUntilItEnds() throws Exception {
        Object response = new Object();
        assertNull(CorsBridge.entryDecision());
        Object outer = CorsBridge.beginEntry(Boolean.FALSE, response);
        try {
            assertNull(outer);
            assertSame(Boolean.FALSE, CorsBridge.entryDecision());
            assertNull(CompletableFuture.supplyAsync(CorsBridge::entryDecision).get(5, TimeUnit.SECONDS),
                    "another thread (an async dispatch) saw this thread's mark");
            assertNull(CompletableFuture.supplyAsync(() -> CorsBridge.entryDecision(response)).get(5, TimeUnit.SECONDS),
                    "another thread committing the marked response saw this thread's mark");

            Object inner = "inner decision";
            Object replaced = CorsBridge.beginEntry(inner, new Object());
            assertSame(Boolean.FALSE, replaced);
            assertSame(inner, CorsBridge.entryDecision());
            CorsBridge.endEntry(replaced);
            assertSame(Boolean.FALSE, CorsBridge.entryDecision(), "a nested entry did not restore the outer mark");
            assertNull(CorsBridge.entryDecision(response),
                    "after a nested entry, the outer response's commit must read the request attribute");
        } finally {
            CorsBridge.endEntry(outer);
        }
        assertNull(CorsBridge.entryDecision(), "the mark outlived its entry");
    }

    @Test
    void aCommitFindsTheMarkOnlyForTheResponseTheEntryPassed() {
        Object response = new Object();
        String decision = "decision";
        Object outer = CorsBridge.beginEntry(decision, response);
        try {
            assertSame(decision, CorsBridge.entryDecision(response));
            assertNull(CorsBridge.entryDecision(new Object()),
                    "another request's response, committed on this thread, got this request's decision");
            assertNull(CorsBridge.entryDecision(null));
        } finally {
            CorsBridge.endEntry(outer);
        }
        assertNull(CorsBridge.entryDecision(response), "the mark outlived its entry");
    }

    @Test
    void aRequestThatArrivesWhileTheAgentStartsWaitsForItsEngine() throws Exception {
        List<Object> reports = new ArrayList<>();
        CorsBridge.startBegins();
        CompletableFuture<CorsExchange> request = CompletableFuture.supplyAsync(() ->
                CorsBridge.enter(CorsBridge.requestCounter("test"), "OPTIONS", "https://a.example", "PUT", null, "http", "localhost", 80, "/"));

        Thread.sleep(200);
        assertFalse(request.isDone(), "the request went on before the agent had started");
        CorsBridge.install(new FailingEngine(reports, null));
        CorsBridge.startEnded();

        assertNull(request.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("enter", ENTER_FAILURE), reports, "the request did not reach the engine installed");
    }

    @Test
    void aStartThatEndsWithoutAnEngineLetsWaitingRequestsGoOn() throws Exception {
        CorsBridge.startBegins();
        CompletableFuture<CorsExchange> request = CompletableFuture.supplyAsync(() ->
                CorsBridge.enter(CorsBridge.requestCounter("test"), "GET", "https://a.example", null, null, "http", "localhost", 80, "/"));

        Thread.sleep(200);
        assertFalse(request.isDone(), "the request went on before the agent had started");
        CorsBridge.startEnded();

        assertNull(request.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailingEnterIsReportedOnceAndTheRequestIsLeftAlone() {
        List<Object> reports = new ArrayList<>();
        CorsBridge.install(new FailingEngine(reports, null));

        assertNull(CorsBridge.enter(CorsBridge.requestCounter("test"), "OPTIONS", "https://a.example", "PUT", null, "http", "localhost", 80, "/"));
        assertEquals(List.of("enter", ENTER_FAILURE), reports);
    }

    @Test
    void anErrorInTheFailureReportOfEnterNeverReachesTheContainer() {
        List<Object> reports = new ArrayList<>();
        CorsBridge.install(new FailingEngine(reports, new StackOverflowError("while logging")));

        assertNull(CorsBridge.enter(CorsBridge.requestCounter("test"), "OPTIONS", "https://a.example", "PUT", null, "http", "localhost", 80, "/"));
        assertEquals(2, reports.size(), reports::toString);
        assertSame(ENTER_FAILURE, reports.get(1));
    }

    private static final String[] PAIRS = {
            "Access-Control-Allow-Origin", "https://a.example",
            "Vary", "Accept-Encoding",
            "vary", "Origin"};

    @Test
    void indexOfNameFindsTheFirstPairOfANameWhateverItsCase() {
        assertEquals(0, CorsBridge.indexOfName(PAIRS, "access-control-allow-origin", PAIRS.length));
        assertEquals(2, CorsBridge.indexOfName(PAIRS, "VARY", PAIRS.length));
        assertEquals(-1, CorsBridge.indexOfName(PAIRS, "Access-Control-Allow-Credentials", PAIRS.length));
    }

    @Test
    void indexOfNameSearchesOnlyThePairsBeforeTheEnd() {
        // The fallback asks "did this name come earlier?" with end = the pair's own index.
        assertEquals(-1, CorsBridge.indexOfName(PAIRS, "Vary", 2));
        assertEquals(2, CorsBridge.indexOfName(PAIRS, "vary", 4));
        assertEquals(-1, CorsBridge.indexOfName(PAIRS, "Access-Control-Allow-Origin", 0));
        assertEquals(-1, CorsBridge.indexOfName(new String[0], "Vary", 0));
    }

    @Test
    void fieldBytesAreLatin1WithControlsButTabAsSpaces() {
        assertArrayEquals("Accept-Encoding, Origin".getBytes(StandardCharsets.ISO_8859_1),
                CorsBridge.fieldBytes("Accept-Encoding, Origin"));
        assertArrayEquals("caf\u00e9\tx".getBytes(StandardCharsets.ISO_8859_1), CorsBridge.fieldBytes("caf\u00e9\tx"));
        // An app's Vary token with CR LF must not start a header line of its own once the agent writes it.
        assertArrayEquals("a  Set-Cookie: x ?".getBytes(StandardCharsets.ISO_8859_1),
                CorsBridge.fieldBytes("a\r\nSet-Cookie: x\u007f\u20ac"));
        assertEquals(0, CorsBridge.fieldBytes("").length);
    }

    @Test
    void theChainExchangeIsTheMarkElseTheEntryHooksAttributeElseTheFallbacks() {
        CorsExchange observing = new Exchange(true);
        CorsExchange other = new Exchange(true);
        assertSame(observing, CorsBridge.chainExchange(observing, other, other));
        assertSame(observing, CorsBridge.chainExchange(null, observing, other));
        assertSame(observing, CorsBridge.chainExchange(null, null, observing));
        // A decision that leaves the request alone answers too: the later ones are not consulted.
        assertNull(CorsBridge.chainExchange(Boolean.FALSE, observing, observing));
        assertNull(CorsBridge.chainExchange(null, Boolean.FALSE, observing));
        assertNull(CorsBridge.chainExchange(null, null, new Exchange(false)), "an exchange that does not observe it");
        assertNull(CorsBridge.chainExchange(null, null, null));
    }

    private static final class Exchange extends CorsExchange {

        Exchange(boolean observesChain) {
            super(observesChain);
        }

        @Override
        public int answerStatus() {
            return 0;
        }

        @Override
        public String[] answerHeaders() {
            return CorsBridge.NO_HEADERS;
        }

        @Override
        public String[] commitHeaders(int status, String[] appHeaders) {
            return appHeaders;
        }

        @Override
        public String[] settleHeaders(String[] appHeaders) {
            return appHeaders;
        }
    }

    /** An engine whose {@code enter} throws, and whose {@code failed} records the report, then throws if told to. */
    private static final class FailingEngine implements CorsEngine {
        private final List<Object> reports;
        private final Error reportFailure;

        FailingEngine(List<Object> reports, Error reportFailure) {
            this.reports = reports;
            this.reportFailure = reportFailure;
        }

        @Override
        public CorsExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                                  String scheme, String host, int port, String path) {
            throw ENTER_FAILURE;
        }

        @Override
        public void failed(String hook, Throwable error) {
            reports.add(hook);
            reports.add(error);
            if (reportFailure != null) {
                throw reportFailure;
            }
        }
    }
}
