package io.corsagent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CorsBridgeTest {

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
        // The advice asks "did this name come earlier?" with end = the pair's own index.
        assertEquals(-1, CorsBridge.indexOfName(PAIRS, "Vary", 2));
        assertEquals(2, CorsBridge.indexOfName(PAIRS, "vary", 4));
        assertEquals(-1, CorsBridge.indexOfName(PAIRS, "Access-Control-Allow-Origin", 0));
        assertEquals(-1, CorsBridge.indexOfName(new String[0], "Vary", 0));
    }
}
