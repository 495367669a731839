package io.corsagent.cors;

import java.util.Arrays;

/**
 * The servlet filter chain of one CORS request as the filter-chain advice reported it, facts only (the audit judges
 * them): each filter's entry and exit, whether it called the chain, the status it left. Recorded on the request's
 * thread; read when the response is committed.
 *
 * <p>Filters are grouped into chain levels by the chain object's class: the filters of the container's chain share
 * one (Tomcat's {@code ApplicationFilterChain}, Jetty's chain), while a filter that runs an inner chain of its own,
 * like Spring Security's {@code FilterChainProxy}, hands its inner filters another class. A filter entered with the
 * chain class of a filter still running on the call stack is that filter's successor in its chain (after an inner
 * chain ends, its last filter passes the request on to the outer chain); with a class no running filter has, it is
 * the first of an inner chain of the innermost running filter. An inner chain of the class of the chain around it
 * (Spring's {@code CompositeFilter} inside another) is taken for that chain; findings name only the innermost chain's
 * runner and the container's chain, where this does not show.
 *
 * <p>A filter entered with the same chain class as the innermost running filter before that one called any chain is
 * its <em>delegate</em>: the one element of the chain both are, as Spring's {@code DelegatingFilterProxy} (the filter
 * the app registers, e.g. as {@code springSecurityFilterChain}) hands the container's chain to the bean it delegates
 * to. A delegate takes no position of its own.
 *
 * <p>Bounded: at most {@link #MAX_FRAMES} filters are recorded per request, however deep the chain. Filters entered
 * beyond are only counted while they run, so that their exits do not close recorded frames that are still open.
 */
public final class FilterChainTrace {

    public static final int MAX_FRAMES = 64;
    private static final int NONE = -1;

    private String[] filters = new String[8];
    private String[] chains = new String[8];
    /** The frame whose inner chain this frame belongs to, or {@link #NONE} for the container's chain. */
    private int[] parents = new int[8];
    /** The frame that was innermost-open when this one was entered (the call stack). */
    private int[] callers = new int[8];
    /** The frame this one is the delegate of (the same element of the same chain), or {@link #NONE}. */
    private int[] delegators = new int[8];
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
        delegators[frame] = open != NONE && !calledChain[open] && chainClass.equals(chains[open]) ? open : NONE;
        int sibling = runningWithChain(chainClass);
        parents[frame] = open == NONE ? NONE : sibling != NONE ? parents[sibling] : open;
        callers[frame] = open;
        open = frame;
    }

    /** The innermost running filter that was given a chain of this class, or {@link #NONE}. */
    private int runningWithChain(String chainClass) {
        for (int frame = open; frame != NONE; frame = callers[frame]) {
            if (chainClass.equals(chains[frame])) {
                return frame;
            }
        }
        return NONE;
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
        delegators = Arrays.copyOf(delegators, size);
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

    /**
     * The element of its chain the frame belongs to: the frame itself, or, for a delegate, the filter that
     * delegated to it (followed to the first one, the filter the chain holds).
     */
    public int element(int frame) {
        int element = frame;
        while (delegators[element] != NONE) {
            element = delegators[element];
        }
        return element;
    }

    /** Whether the frame's element is a filter that delegated to another (a {@code DelegatingFilterProxy}). */
    public boolean delegates(int frame) {
        int element = element(frame);
        for (int i = element + 1; i < count; i++) {
            if (delegators[i] == element) {
                return true;
            }
        }
        return false;
    }

    /** The element of the container's chain the frame runs in: the filter the app registered with the container. */
    public int containerElement(int frame) {
        int element = element(frame);
        while (parents[element] != NONE) {
            element = element(parents[element]);
        }
        return element;
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

    /** 1-based position of the frame's element among the elements of its chain (delegates take none of their own). */
    public int position(int frame) {
        int element = element(frame);
        int position = 1;
        for (int i = 0; i < element; i++) {
            if (parents[i] == parents[element] && delegators[i] == NONE) {
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
