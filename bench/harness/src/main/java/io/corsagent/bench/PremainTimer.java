package io.corsagent.bench;

import java.lang.instrument.Instrumentation;

/**
 * A Java agent for measuring cors-agent's premain.
 *
 * <p>Timing: {@code -javaagent:bench-harness.jar=start -javaagent:cors-agent.jar=... -javaagent:bench-harness.jar=end}.
 * The JVM runs premain methods in command-line order on the main thread, so the difference is cors-agent's premain,
 * class loading and hook installation included. Prints {@code PREMAIN-TIMER <micros>} to stderr.
 *
 * <p>Profiling: {@code -javaagent:bench-harness.jar=capture} keeps the {@link Instrumentation} for
 * {@link PremainProfiler}, which calls cors-agent's premain itself while a flight recording runs (a recording
 * started on the command line only begins after every premain).
 */
public final class PremainTimer {

    private static long start;
    private static volatile Instrumentation instrumentation;

    private PremainTimer() {
    }

    public static void premain(String argument, Instrumentation inst) {
        if ("start".equals(argument)) {
            start = System.nanoTime();
        } else if ("capture".equals(argument)) {
            instrumentation = inst;
        } else if (start != 0) {
            System.err.println("PREMAIN-TIMER " + (System.nanoTime() - start) / 1000);
        }
    }

    static Instrumentation instrumentation() {
        return instrumentation;
    }
}
