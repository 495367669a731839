package io.corsagent.audit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.corsagent.cors.CorsEvents;

import org.tinylog.Logger;

/**
 * The runtime's {@link CorsEvents}: counts what happens and logs what an operator must know.
 *
 * <p>One instance lives as long as the agent, across policy reloads, so counters and "logged once" memory
 * survive a new engine.
 */
public final class AgentEvents implements CorsEvents {

    private final LongAdder errors = new LongAdder();
    /** Bounded by the number of hook names, which is fixed by the code, not by requests. */
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();

    @Override
    public void failed(String hook, Throwable error) {
        errors.increment();
        if (failedHooks.add(hook)) {
            Logger.error(error, "internal error in hook '{}'; the request went on without cors-agent."
                    + " Further errors of this hook are counted, not logged", hook);
        }
    }

    /** Failures inside the agent since it started. */
    public long errors() {
        return errors.sum();
    }
}
