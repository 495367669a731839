package io.corsagent.audit;

import java.util.concurrent.atomic.LongAdder;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.RequestKind;
import io.corsagent.policy.Mode;

/**
 * What the agent decided since it started, for the MBean and the published status. Preflights are counted apart
 * by what the agent did (enforce mode) and what it would have done (audit and off mode, where the app answers). {@link LongAdder}s: request threads never contend on one cell.
 */
public final class AgentCounters {

    private final LongAdder preflightsAnswered = new LongAdder();
    private final LongAdder preflightsRefused = new LongAdder();
    private final LongAdder preflightsWouldAnswer = new LongAdder();
    private final LongAdder preflightsWouldRefuse = new LongAdder();
    private final LongAdder actualAllowed = new LongAdder();
    private final LongAdder actualDenied = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** Counts a decision; non-CORS requests are not counted. */
    void decided(CorsDecision decision) {
        RequestKind kind = decision.kind();
        if (kind == RequestKind.PREFLIGHT && decision.mode() == Mode.ENFORCE) {
            (decision.allowed() ? preflightsAnswered : preflightsRefused).increment();
        } else if (kind == RequestKind.PREFLIGHT) {
            (decision.allowed() ? preflightsWouldAnswer : preflightsWouldRefuse).increment();
        } else if (kind == RequestKind.ACTUAL) {
            (decision.allowed() ? actualAllowed : actualDenied).increment();
        }
    }

    void failed() {
        errors.increment();
    }

    /** Preflights the agent answered with 204, in enforce mode. */
    public long preflightsAnswered() {
        return preflightsAnswered.sum();
    }

    /** Preflights the agent refused with 403, in enforce mode. */
    public long preflightsRefused() {
        return preflightsRefused.sum();
    }

    /** Preflights enforce mode would have answered with 204, seen in audit or off mode (the app answered them). */
    public long preflightsWouldAnswer() {
        return preflightsWouldAnswer.sum();
    }

    /** Preflights enforce mode would have refused with 403, seen in audit or off mode. */
    public long preflightsWouldRefuse() {
        return preflightsWouldRefuse.sum();
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
