package io.corsagent.cors;

import io.corsagent.policy.CorsRule;
import io.corsagent.policy.Mode;

/**
 * What the policy decides for one request, as {@link CorsEvents} listeners and {@code explain} see it: the facts
 * of the request, the rule, the verdict and what enforce mode answers.
 *
 * <p>Request facts ({@link #origin()}, {@link #method()}, {@link #path()}, ...) are kept for CORS requests only: a
 * non-CORS request is decided with a shared, preallocated decision per rule (so it allocates nothing), whose facts
 * are {@code null}.
 */
public interface CorsDecision {

    /** The engine's effective mode: only {@link Mode#ENFORCE} changes responses. */
    Mode mode();

    RequestKind kind();

    /** The rule that applies to the request's path. */
    CorsRule rule();

    /** {@link Reason#ALLOWED}, or which check failed. Non-CORS requests are {@link Reason#ALLOWED}. */
    Reason reason();

    /** The failing value (the refused header name, the method, the origin), bounded in length; or {@code null}. */
    String reasonDetail();

    /** Whether the request passed the policy. */
    default boolean allowed() {
        return reason() == Reason.ALLOWED;
    }

    String origin();

    String method();

    String requestMethod();

    String requestHeaders();

    String path();

    /**
     * The status enforce mode answers with itself: 204 (allowed preflight), 403 (refused preflight, or an actual
     * request refused under {@code reject-disallowed}), or 0 when the application serves the request.
     */
    int enforcedStatus();

    /** The headers of that answer, flattened name/value pairs; empty when {@link #enforcedStatus()} is 0. */
    String[] enforcedHeaders();

    /**
     * Whether the filter-chain hooks traced this request ({@link CorsEvents#observesChain}): never a non-CORS
     * request, and in enforce mode only a sample of the CORS ones. Without a trace, a {@code null}
     * {@link #chainTrace()} says nothing about the filters.
     */
    default boolean observesChain() {
        return kind() != RequestKind.NOT_CORS;
    }

    /**
     * The servlet filter chain of a CORS request as the audit hooks saw it, or {@code null} when no filter chain call
     * was observed (the request never reached the chain, the servlet-level audit hooks are not installed, or the
     * request was not {@linkplain #observesChain() traced}).
     */
    default FilterChainTrace chainTrace() {
        return null;
    }

    /** What {@link CorsEvents#decided} returned for this CORS request; {@code null} for a non-CORS one. */
    default Object observation() {
        return null;
    }

    /**
     * Why the agent may not have put the policy's headers on this CORS request's response (a hook failed on the
     * request, or the servlet-level fallback found the response committed), or {@code null}: findings must then not
     * claim that it did.
     */
    default String unsettledReason() {
        return null;
    }
}
