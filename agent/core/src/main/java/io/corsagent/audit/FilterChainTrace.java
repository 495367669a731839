package io.corsagent.audit;

import java.util.Arrays;

/**
 * The servlet filter chain of one CORS request as the audit advice saw it: each filter's entry and exit, whether it
 * called the chain, the status it left. Recorded on the request's thread; read when the response is committed.
 *
 * <p>Filters are grouped into chain levels by the chain object's class: the filters of the container's chain share
 * one (Tomcat's {@code ApplicationFilterChain}, Jetty's chain), while a filter that runs an inner chain of its own,
 * like Spring Security's {@code FilterChainProxy}, hands its inner filters another class. A filter entered with a
 * chain of another class than the innermost open filter's therefore runs inside that filter.
 *
 * <p>Bounded: at most {@link #MAX_FRAMES} filters are recorded per request, however deep the chain. Filters entered
 * beyond are only counted while they run, so that their exits do not close recorded frames that are still open.
 */
public final class FilterChainTrace {

    static final int MAX_FRAMES = 64;
    private static final int NONE = -1;

    private String[] filters = new String[8];
    private String[] chains = new String[8];
    /** The frame whose inner chain this frame belongs to, or {@link #NONE} for the container's chain. */
    private int[] parents = new int[8];
    /** The frame that was innermost-open when this one was entered (the call stack). */
    private int[] callers = new int[8];
    private boolean[] calledChain = new boolean[8];
    private int[] exitStatus = new int[8];
    private int count;
    private int open = NONE;
    /** Filters entered when the frames were full and not exited yet: their exits come before any recorded one's. */
    private int overflowDepth;
    private int chainCalls;
    private String redirectLocation;
    private Object servletContext;
    /** The status and managed headers of a response committed while filters still ran; 0 while there is none. */
    private int deferredStatus;
    private String[] deferredAppHeaders;

    /** A filter's {@code doFilter} was entered. */
    public void entered(String filterClass, String chainClass, Object context) {
        if (context != null) {
            servletContext = context;
        }
        if (count == MAX_FRAMES) {
            overflowDepth++;
            return;
        }
        if (count == filters.length) {
            grow();
        }
        int frame = count++;
        filters[frame] = filterClass;
        chains[frame] = chainClass;
        parents[frame] = open == NONE ? NONE : chainClass.equals(chains[open]) ? parents[open] : open;
        callers[frame] = open;
        open = frame;
    }

    /** The innermost open filter returned, leaving this status (and this Location, for a redirect). */
    public void exited(int status, String location) {
        if (overflowDepth > 0) {
            overflowDepth--;
            return;
        }
        if (open == NONE) {
            return;
        }
        exitStatus[open] = status;
        if (location != null) {
            redirectLocation = location;
        }
        open = callers[open];
    }

    /** A {@code FilterChain#doFilter} call: the innermost open filter passed the request on. */
    public void chainCalled() {
        chainCalls++;
        if (open != NONE) {
            calledChain[open] = true;
        }
    }

    private void grow() {
        int size = Math.min(MAX_FRAMES, filters.length * 2);
        filters = Arrays.copyOf(filters, size);
        chains = Arrays.copyOf(chains, size);
        parents = Arrays.copyOf(parents, size);
        callers = Arrays.copyOf(callers, size);
        calledChain = Arrays.copyOf(calledChain, size);
        exitStatus = Arrays.copyOf(exitStatus, size);
    }

    public int frames() {
        return count;
    }

    public String filter(int frame) {
        return filters[frame];
    }

    /** The frame running the inner chain {@code frame} belongs to, or -1 for the container's chain. */
    public int parent(int frame) {
        return parents[frame];
    }

    public boolean calledChain(int frame) {
        return calledChain[frame];
    }

    /** Whether a filter is still running: the chain is not complete yet (a response can commit before it is). */
    public boolean running() {
        return open != NONE;
    }

    /**
     * Keeps what a response carried when it was committed while filters still ran (Jetty 12 commits a
     * {@code sendRedirect} at once), for the check that must see the whole chain once the outermost filter returned.
     */
    public void deferCommit(int status, String[] appHeaders) {
        deferredStatus = status;
        deferredAppHeaders = appHeaders;
    }

    /** The status of a commit {@link #deferCommit deferred} until the chain completed, or 0. */
    public int deferredStatus() {
        return deferredStatus;
    }

    public String[] deferredAppHeaders() {
        return deferredAppHeaders;
    }

    /** Whether the frame returned already (a response can be committed while filters are still running). */
    public boolean exited(int frame) {
        for (int o = open; o != NONE; o = callers[o]) {
            if (o == frame) {
                return false;
            }
        }
        return true;
    }

    /** The status the frame left when it returned, or 0 while it runs. */
    public int exitStatus(int frame) {
        return exited(frame) ? exitStatus[frame] : 0;
    }

    /** 1-based position of the frame among the filters of its chain. */
    public int position(int frame) {
        int position = 1;
        for (int i = 0; i < frame; i++) {
            if (parents[i] == parents[frame]) {
                position++;
            }
        }
        return position;
    }

    /** How often a {@code FilterChain#doFilter} was called: 0 means the request never reached the filter chain. */
    public int chainCalls() {
        return chainCalls;
    }

    /**
     * The filter that stopped the request: the last one entered that never called the chain. {@code -1} when
     * every filter passed the request on (the servlet, or something after the filters, answered it).
     */
    public int stopper() {
        // Filters run nested: only the innermost (last entered) one can have stopped without calling the chain.
        return count > 0 && !calledChain[count - 1] ? count - 1 : NONE;
    }

    /** The {@code Location} of the last redirect a filter left, or {@code null}. */
    public String redirectLocation() {
        return redirectLocation;
    }

    /** The request's servlet context, as the advice passed it; {@code null} before any filter ran. */
    public Object servletContext() {
        return servletContext;
    }
}
