package io.corsagent.bench;

/**
 * A Java agent that times the agents between its two appearances on the command line:
 * {@code -javaagent:bench-harness.jar=start -javaagent:cors-agent.jar=... -javaagent:bench-harness.jar=end}. The JVM
 * runs premain methods in command-line order on the main thread, so the difference is cors-agent's premain,
 * class loading and hook installation included. Prints {@code PREMAIN-TIMER <micros>} to stderr.
 */
public final class PremainTimer {

    private static long start;

    private PremainTimer() {
    }

    public static void premain(String argument) {
        if ("start".equals(argument)) {
            start = System.nanoTime();
        } else if (start != 0) {
            System.err.println("PREMAIN-TIMER " + (System.nanoTime() - start) / 1000);
        }
    }
}
