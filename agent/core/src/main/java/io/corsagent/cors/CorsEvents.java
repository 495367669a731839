package io.corsagent.cors;

import io.corsagent.policy.Mode;

/**
 * What the engine reports, for audit logs and counters. Every method has a no-op default; the engine calls them
 * on request threads, so implementations must be fast, must not block, and must not throw.
 */
public interface CorsEvents {

    /** Reports nothing. */
    CorsEvents NONE = new CorsEvents() {
    };

    /**
     * A request was decided at the container's entry (every request, non-CORS ones included).
     *
     * @return what the listener keeps of this CORS request (the traffic summary's record of its origin), which the
     *         decision holds for the calls about the same request ({@link CorsDecision#observation()}), so that the
     *         listener finds it once per request; {@code null} for none. Ignored for a non-CORS request, whose decision
     *         is shared.
     */
    default Object decided(CorsDecision decision) {
        return null;
    }

    /**
     * A response under the engine is being committed.
     *
     * @param status         the response status
     * @param appHeaders     the managed headers ({@code Access-Control-*}, {@code Vary}) the response carries from the
     *                       application, flattened name/value pairs: a non-empty {@code Access-Control-*} set here
     *                       is the application's own CORS handling (a conflict when it differs from the policy's)
     * @param policyHeaders  the complete managed header set enforce mode gives the response, or {@code null} when
     *                       enforce leaves them as they are. For a request enforce answers itself (a preflight, a
     *                       strict rejection) it is {@code null}: compare with {@link CorsDecision#enforcedStatus()}
     *                       and {@link CorsDecision#enforcedHeaders()} instead (in audit mode the application
     *                       answered it, with {@code status} and {@code appHeaders})
     */
    default void committed(CorsDecision decision, int status, String[] appHeaders, String[] policyHeaders) {
    }

    /**
     * Whether the filter-chain hooks should trace the CORS request about to be decided under this mode (each of its
     * filters reported to its exchange): asked once per CORS request, so an answer must cost no allocation.
     * {@code true} by default.
     */
    default boolean observesChain(Mode mode) {
        return true;
    }

    /**
     * The filter chain of a CORS request completed (its outermost filter returned) after the response had been
     * committed while filters still ran: {@link #committed} saw only part of the chain. Called at most once per
     * request, with the status and managed headers the response was committed with.
     */
    default void chainCompleted(CorsDecision decision, int status, String[] appHeaders) {
    }

    /**
     * Whether the traffic summary wants to know if this actual CORS request carried credentials: asked right after
     * {@link #decided}, on every actual CORS request, so an answer must cost no allocation. {@code false} by default.
     */
    default boolean observesCredentials(CorsDecision decision) {
        return false;
    }

    /** Whether the actual CORS request carried {@code Cookie} or {@code Authorization}; only after a yes above. */
    default void credentials(CorsDecision decision, boolean carried) {
    }

    /**
     * Whether the traffic summary wants the names of the response's other header fields: asked when the response to
     * an actual CORS request is committed, so an answer must cost no allocation. {@code false} by default.
     */
    default boolean observesResponseFields(CorsDecision decision) {
        return false;
    }

    /**
     * The names of the response's header fields besides the managed ones ({@code Access-Control-*}, {@code Vary}),
     * as the app set them; only after a yes from {@link #observesResponseFields}.
     */
    default void responseFieldNames(CorsDecision decision, String[] names) {
    }

    /** A hook or the engine failed; the request it happened on went on untouched. */
    default void failed(String hook, Throwable error) {
    }
}
