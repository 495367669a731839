package io.corsagent.audit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.CorsEvents;
import io.corsagent.cors.RequestKind;

import org.tinylog.Logger;

/**
 * The runtime's {@link CorsEvents}: counts what happens and logs what an operator must know.
 *
 * <p>One instance lives as long as the agent, across policy reloads, so counters and "logged once" memory
 * survive a new engine.
 */
public final class AgentEvents implements CorsEvents {

    private final LongAdder errors = new LongAdder();
    private final LongAdder preflights = new LongAdder();
    private final LongAdder actualRequests = new LongAdder();
    private final LongAdder refused = new LongAdder();
    /** Bounded by the number of hook names, which is fixed by the code, not by requests. */
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();

    /** Counts CORS requests only: a non-CORS request costs one comparison here. */
    @Override
    public void decided(CorsDecision decision) {
        RequestKind kind = decision.kind();
        if (kind == RequestKind.NOT_CORS) {
            return;
        }
        (kind == RequestKind.PREFLIGHT ? preflights : actualRequests).increment();
        if (!decision.allowed()) {
            refused.increment();
        }
    }

    @Override
    public void failed(String hook, Throwable error) {
        errors.increment();
        if (failedHooks.add(hook)) {
            Logger.error(error, "internal error in hook '{}'; the request went on without cors-agent."
                    + " Further errors of this hook are counted, not logged", hook);
        }
    }

    /** Preflights decided since the agent started (in any mode). */
    public long preflights() {
        return preflights.sum();
    }

    /** Actual CORS requests (with a cross-origin {@code Origin}) decided since the agent started. */
    public long actualRequests() {
        return actualRequests.sum();
    }

    /** CORS requests the policy refused (answered 403 or left without CORS headers in enforce mode). */
    public long refused() {
        return refused.sum();
    }

    /** Failures inside the agent since it started. */
    public long errors() {
        return errors.sum();
    }
}
