package io.corsagent.bridge;

/**
 * What the agent does with one request: answer it at once, or let the container serve it and settle the
 * CORS headers when the response is committed.
 *
 * <p>Created by the engine at the container's entry hook; the hook keeps it with the request (for example
 * as a request attribute named {@link CorsBridge#EXCHANGE_ATTRIBUTE}) until the commit hook runs.
 */
public abstract class CorsExchange {

    private final boolean observesChain;

    /**
     * @param observesChain whether the filter-chain hooks report this request's filters to it: the audit watches
     *                      CORS requests only, and the hooks skip every other request once they found its exchange
     *                      (in the entry hook's thread mark, else in a request attribute)
     */
    protected CorsExchange(boolean observesChain) {
        this.observesChain = observesChain;
    }

    /**
     * Whether {@link #filterEntered}, {@link #filterExited} and {@link #chainCalled} want to hear of this request's
     * filters. Final and a field read, so the inlined filter advice can ask it on every filter of every request.
     */
    public final boolean observesChain() {
        return observesChain;
    }

    /**
     * @return 0 when the container serves the request; otherwise the status the hook answers with itself
     *         (a preflight, or a request refused by strict rejection), so that no filter, servlet or
     *         container security ever sees the request
     */
    public abstract int answerStatus();

    /** @return header name/value pairs of that answer, flattened: {@code [name0, value0, name1, value1, ...]} */
    public abstract String[] answerHeaders();

    /**
     * Settles the CORS headers of a response the container is about to commit.
     *
     * @param status     the response status
     * @param appHeaders name/value pairs (flattened) of every header the response carries at that moment
     *                   for which {@link CorsBridge#isManagedHeader(String)} holds
     * @return {@code null} to leave the response's headers as they are; otherwise the complete flattened set of
     *         managed headers the response must carry: the hook removes every managed header and adds these
     */
    public abstract String[] commitHeaders(int status, String[] appHeaders);

    /**
     * The same managed header set as {@link #commitHeaders}, without reporting the response to the audit (findings,
     * counters): for a hook that settles one response more than once, like the servlet-level fallback, which applies
     * the policy's headers before the app runs and settles them again after a later dispatch. Such a hook reports
     * each response once, with {@link #commitHeaders}.
     *
     * @param appHeaders the managed headers the response carries, as for {@link #commitHeaders}
     * @return {@code null} to leave the response's headers as they are, else the complete managed set
     */
    public abstract String[] settleHeaders(String[] appHeaders);

    /**
     * A filter's {@code doFilter} was entered on this request (REQUEST dispatch). Audit observation only, called
     * only when {@link #observesChain()}; the default does nothing.
     *
     * @param filter         the filter instance
     * @param chain          the chain it was given (the container's, or a filter's own inner chain)
     * @param servletContext the request's servlet context (to look up which filters the app registered)
     */
    public void filterEntered(Object filter, Object chain, Object servletContext) {
    }

    /**
     * The innermost filter entered and not yet exited returned.
     *
     * @param status   the response status at that moment
     * @param location the {@code Location} header of a redirect, else {@code null}
     */
    public void filterExited(int status, String location) {
    }

    /** A {@code FilterChain#doFilter} was called on this request: the innermost open filter passed it on. */
    public void chainCalled() {
    }

    /**
     * Whether the traffic summary wants to know if this request carried credentials ({@link #credentials}): asked of
     * a CORS request's exchange right after the decision; {@code false} by default. The hook then looks for the
     * {@code Cookie} and {@code Authorization} fields, which costs two field lookups, so an exchange asks only while
     * its origin's summary is still learning.
     */
    public boolean observesCredentials() {
        return false;
    }

    /** Whether the request carried {@code Cookie} or {@code Authorization}; called only if {@link #observesCredentials}. */
    public void credentials(boolean carried) {
    }

    /**
     * Whether the traffic summary wants the names of the response's other header fields ({@link #responseFieldNames},
     * the candidates for {@code Access-Control-Expose-Headers}); {@code false} by default. Asked at commit, before
     * {@link #commitHeaders}, of the exchange whose response is reported.
     */
    public boolean observesResponseFields() {
        return false;
    }

    /**
     * The names of the response's header fields that are not managed ({@link CorsBridge#isManagedHeader}), as the
     * app set them, at most {@link ResponseFields#MAX_NAMES}; called only if {@link #observesResponseFields}.
     */
    public void responseFieldNames(String[] names) {
    }

    /**
     * The agent may not have put the policy's headers on this response, for the reason given, a clause such as
     * {@code the agent's hook 'tomcat.entry' failed on this request (its error is logged)}: a hook failed on the
     * request's thread before the response was reported ({@link CorsBridge#failed}), or the servlet-level fallback
     * found it committed already ({@link CorsBridge#commitUnsettled}). The findings about the response say so
     * rather than claim what enforce mode does. Called before {@link #commitHeaders}, on any exchange (a shared one
     * ignores it); the default does nothing.
     */
    public void unsettled(String reason) {
    }
}
