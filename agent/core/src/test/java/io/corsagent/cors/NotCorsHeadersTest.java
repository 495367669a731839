package io.corsagent.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.corsagent.policy.Mode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared non-CORS exchange memoises the managed set it gave last: the same application headers get the very same
 * array (no allocation), different ones get their own merge, and the answer never depends on what came before.
 */
class NotCorsHeadersTest {

    private static final String VARYING_POLICY = "allowed-origins = https://app.example.com";
    private static final String ANY_ORIGIN_POLICY = """
            allowed-origins = *
            exposed-headers = X-Request-Id
            """;

    private static PolicyExchange notCors(String policy) {
        CorsPolicyEngine engine = Requests.engine(policy, Mode.ENFORCE, CorsEvents.NONE);
        return Requests.enter(engine, "GET", "https://api.example.com/x", null, null, null);
    }

    @Test
    void theSameAppHeadersGetTheSameArrayWithoutMergingAgain() {
        PolicyExchange exchange = notCors(VARYING_POLICY);
        String[] first = exchange.commitHeaders(200, Requests.headers("Vary=Accept-Encoding"));
        // A new array with equal but not identical strings, as a container that copies header values hands over.
        String[] again = exchange.commitHeaders(200, new String[] {new String("Vary"), new String("Accept-Encoding")});
        assertEquals("Vary=Accept-Encoding, Origin", Requests.show(first));
        assertSame(first, again);
    }

    @Test
    void differentAppHeadersReplaceTheMemoAndEachGetsItsOwnMerge() {
        PolicyExchange exchange = notCors(VARYING_POLICY);
        for (int round = 0; round < 3; round++) {
            assertEquals("Vary=Accept-Encoding, Origin",
                    Requests.show(exchange.commitHeaders(200, Requests.headers("Vary=Accept-Encoding"))));
            assertEquals("Vary=Accept, Origin", Requests.show(exchange.commitHeaders(200, Requests.headers("Vary=Accept"))));
            assertNull(exchange.commitHeaders(200, Requests.headers("Vary=Accept, origin")), "already names Origin");
            assertEquals("Vary=Origin", Requests.show(exchange.commitHeaders(200, Requests.headers("ACAO=*"))),
                    "the app's own CORS header goes");
            assertEquals("Vary=Origin", Requests.show(exchange.commitHeaders(200, new String[0])));
            // Same value, name spelt otherwise: not the memo's headers, merged afresh (the merge keeps "Vary").
            assertEquals("Vary=Accept, Origin", Requests.show(exchange.commitHeaders(200, new String[] {"vary", "Accept"})));
        }
    }

    @Test
    void aNullAnswerIsMemoisedToo() {
        PolicyExchange exchange = notCors(VARYING_POLICY);
        String[] app = Requests.headers("Vary=Origin");
        assertNull(exchange.commitHeaders(200, app));
        assertNull(exchange.commitHeaders(200, app));
        assertEquals("Vary=Accept, Origin", Requests.show(exchange.commitHeaders(200, Requests.headers("Vary=Accept"))));
        assertNull(exchange.commitHeaders(200, app));
    }

    @Test
    void aStaticAnyOriginRuleStillPutsItsHeadersOnEveryResponse() {
        PolicyExchange exchange = notCors(ANY_ORIGIN_POLICY);
        for (int i = 0; i < 2; i++) {
            assertEquals("ACAO=*; ACEH=X-Request-Id; Vary=Accept",
                    Requests.show(exchange.commitHeaders(200, Requests.headers("Vary=Accept"))));
            assertEquals("ACAO=*; ACEH=X-Request-Id", Requests.show(exchange.commitHeaders(200, new String[0])));
        }
    }

    @Test
    void theMemoKeepsItsOwnCopyOfTheAppHeaders() {
        PolicyExchange exchange = notCors(VARYING_POLICY);
        String[] app = Requests.headers("Vary=Accept");
        exchange.commitHeaders(200, app);
        app[1] = "Origin";
        // Had the memo kept the hook's array, this would now match it and answer "Vary=Accept, Origin".
        assertNull(exchange.commitHeaders(200, app));
    }

    @Test
    void memoMatchesExactNamesAndValuesIncludingNull() {
        ManagedHeadersMemo memo = new ManagedHeadersMemo(new String[] {"Vary", null}, null);
        assertTrue(memo.matches(new String[] {"Vary", null}));
        assertFalse(memo.matches(new String[] {"Vary", ""}));
        assertFalse(memo.matches(new String[] {"VARY", null}));
        assertFalse(memo.matches(new String[] {"Vary", null, "Vary", null}));
        assertFalse(memo.matches(new String[0]));
    }

    @Test
    void threadsAlternatingBetweenAppHeadersAlwaysGetTheirOwnAnswer() throws Exception {
        PolicyExchange exchange = notCors(VARYING_POLICY);
        String[][] apps = {Requests.headers("Vary=Accept-Encoding"), Requests.headers("Vary=Accept"),
                Requests.headers("Vary=Origin"), Requests.headers("Vary=Cookie; Vary=Accept")};
        String[] expected = {"Vary=Accept-Encoding, Origin", "Vary=Accept, Origin", "(unchanged)",
                "Vary=Cookie, Accept, Origin"};
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                Callable<String> task = () -> {
                    for (int i = 0; i < 200_000; i++) {
                        int which = (first + i) % apps.length;
                        String got = Requests.show(exchange.commitHeaders(200, apps[which]));
                        if (!got.equals(expected[which])) {
                            return "request " + i + " with " + Requests.show(apps[which]) + " got " + got;
                        }
                    }
                    return "ok";
                };
                results.add(threads.submit(task));
            }
            for (Future<String> result : results) {
                assertEquals("ok", result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
