package io.corsagent.bridge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests in flight have their filter chain followed by the audit ({@link CorsExchange#observesChain()}):
 * the gate the filter-chain advice tests at every {@code Filter#doFilter} and {@code FilterChain#doFilter} before it
 * looks for the request's exchange. In enforce mode the audit follows a sample of CORS requests only, so the gate is
 * mostly shut, and a filter of any other request costs one volatile read whatever the chain's length.
 *
 * <p>The engine counts an exchange in when it decides to follow its chain and out once its response was judged. An
 * exchange never judged (a request whose response the agent never saw committed) leaves the gate open: the advice
 * then looks for each request's exchange, as it did without the gate, which costs time and never a trace.
 */
public final class FollowedChains {

    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    private FollowedChains() {
    }

    /** Whether any request in flight has its chain followed: false lets the advice skip the request at once. */
    public static boolean any() {
        return IN_FLIGHT.get() != 0;
    }

    /** A request's chain is followed from now on; to be told before its first filter runs. */
    public static void begin() {
        IN_FLIGHT.incrementAndGet();
    }

    /** A request counted by {@link #begin} is no longer followed; to be told once. */
    public static void end() {
        IN_FLIGHT.decrementAndGet();
    }

    /** The count itself, which tests compare before and after. */
    static int inFlight() {
        return IN_FLIGHT.get();
    }
}
