package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Chain levels, positions and the filter that stopped a request, from the events the advice reports. */
class FilterChainTraceTest {

    private static final String CONTAINER_CHAIN = "org.apache.catalina.core.ApplicationFilterChain";

    @Test
    void aFilterThatDidNotCallTheChainStoppedTheRequest() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Logging", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered("a.Auth", CONTAINER_CHAIN, null);
        trace.exited(401, null);
        trace.exited(401, null);
        assertEquals(1, trace.stopper());
        assertEquals("filter 2 of the filter chain", MisorderedAuthFindings.position(trace, 1));
        assertEquals(401, trace.exitStatus(1));
    }

    @Test
    void filtersOfAnInnerChainRunInsideTheFilterThatRunsIt() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Proxy", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.entered("a.Csrf", "a.Proxy$VirtualChain", null);
        trace.chainCalled();
        trace.entered("a.InnerAuth", "a.Proxy$VirtualChain", null);
        assertEquals(2, trace.stopper());
        assertEquals(0, trace.exitStatus(2), "still running: the response was committed inside it");
        assertEquals("filter 2 of the inner chain of a.Proxy, filter 1 of the filter chain",
                MisorderedAuthFindings.position(trace, 2));
    }

    @Test
    void aChainThatRanToItsEndHasNoStopper() {
        FilterChainTrace trace = new FilterChainTrace();
        trace.chainCalled();
        trace.entered("a.Cors", CONTAINER_CHAIN, null);
        trace.chainCalled();
        trace.exited(401, null);
        assertEquals(-1, trace.stopper());
    }

    @Test
    void framesAreBounded() {
        FilterChainTrace trace = new FilterChainTrace();
        for (int i = 0; i < 1000; i++) {
            trace.entered("a.F" + i, CONTAINER_CHAIN, null);
        }
        assertEquals(FilterChainTrace.MAX_FRAMES, trace.frames());
    }

    @Test
    void filtersBeyondTheBoundDoNotCloseRecordedFramesThatStillRun() {
        FilterChainTrace trace = new FilterChainTrace();
        int deepest = FilterChainTrace.MAX_FRAMES - 1;
        for (int i = 0; i < FilterChainTrace.MAX_FRAMES + 3; i++) {
            trace.chainCalled();
            trace.entered("a.F" + i, CONTAINER_CHAIN, null);
        }
        // The three unrecorded filters stop and return; then the deepest recorded one returns with 401.
        trace.exited(200, null);
        trace.exited(200, null);
        trace.exited(200, null);
        assertEquals(0, trace.exitStatus(deepest), "still running until its own exit");
        trace.exited(401, null);

        assertEquals(FilterChainTrace.MAX_FRAMES, trace.frames());
        assertEquals(401, trace.exitStatus(deepest));
        assertTrue(trace.exited(deepest));
        assertFalse(trace.exited(deepest - 1), "the filter around it still runs");
        assertTrue(trace.running());
        assertTrue(trace.calledChain(deepest), "it passed the request on to the unrecorded filters");
        for (int i = deepest - 1; i >= 0; i--) {
            trace.exited(401, null);
        }
        assertFalse(trace.running());
    }
}
