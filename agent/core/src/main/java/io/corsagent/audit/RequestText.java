package io.corsagent.audit;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.RequestKind;
import io.corsagent.policy.Mode;

/** How findings name a request and the mode's part in it. Client values are quoted bounded in length. */
final class RequestText {

    static final int MAX_VALUE = 100;

    private RequestText() {
    }

    /** {@code the preflight OPTIONS /app/x from https://a.example (for PUT)} or {@code the CORS request GET /x from ...}. */
    static String describe(CorsDecision decision) {
        if (decision.kind() == RequestKind.PREFLIGHT) {
            return "the preflight OPTIONS " + bounded(decision.path()) + " from " + bounded(decision.origin())
                    + " (for " + bounded(decision.requestMethod())
                    + (decision.requestHeaders() == null ? "" : " with " + bounded(decision.requestHeaders())) + ")";
        }
        return "the CORS request " + bounded(decision.method()) + " " + bounded(decision.path()) + " from "
                + bounded(decision.origin());
    }

    /** Whether the agent changes responses in this mode. */
    static boolean enforces(CorsDecision decision) {
        return decision.mode() == Mode.ENFORCE;
    }

    /**
     * What a finding says instead of what enforce mode did to the response when the agent may not have done it
     * ({@link CorsDecision#unsettledReason()}): the agent never claims what it may not have done.
     *
     * @param shortfall what the agent may not have done, e.g. {@code put the policy's CORS headers on this response}
     */
    static String unsettled(CorsDecision decision, String shortfall) {
        String reason = decision.unsettledReason();
        return Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ", so the agent may not have "
                + shortfall + ".";
    }

    static String bounded(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "...";
    }

    /** The last segment of a class name, for short fix sentences. */
    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
