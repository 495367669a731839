package io.corsagent.audit;

import java.util.concurrent.atomic.LongAdder;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.RequestKind;

/**
 * What the agent decided since it started, for the MBean and the published status. In audit and off mode the
 * counts are what enforce mode would have done. {@link LongAdder}s: request threads never contend on one cell.
 */
public final class AgentCounters {

    private final LongAdder preflightsAnswered = new LongAdder();
    private final LongAdder preflightsRefused = new LongAdder();
    private final LongAdder actualAllowed = new LongAdder();
    private final LongAdder actualDenied = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** Counts a decision; non-CORS requests are not counted. */
    void decided(CorsDecision decision) {
        RequestKind kind = decision.kind();
        if (kind == RequestKind.PREFLIGHT) {
            (decision.allowed() ? preflightsAnswered : preflightsRefused).increment();
        } else if (kind == RequestKind.ACTUAL) {
            (decision.allowed() ? actualAllowed : actualDenied).increment();
        }
    }

    void failed() {
        errors.increment();
    }

    /** Preflights answered with 204 (or that would be, in audit and off mode). */
    public long preflightsAnswered() {
        return preflightsAnswered.sum();
    }

    /** Preflights refused with 403 (or that would be). */
    public long preflightsRefused() {
        return preflightsRefused.sum();
    }

    /** Actual CORS requests from an allowed origin. */
    public long actualAllowed() {
        return actualAllowed.sum();
    }

    /** Actual CORS requests from an origin the policy does not allow. */
    public long actualDenied() {
        return actualDenied.sum();
    }

    /** Failures inside the agent (its hooks included) since it started. */
    public long errors() {
        return errors.sum();
    }
}
