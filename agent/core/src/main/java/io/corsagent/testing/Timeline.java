package io.corsagent.testing;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Opt-in timing marks on the attach path, for the attach benchmark: with {@code -Dcors-agent.timeline} on the
 * command's JVM, the target's, or both, each mark prints {@code cors-agent timeline <epoch seconds.micros> <side>
 * <mark>} on standard error, the side being {@code cli} or {@code agent}. Wall-clock time, so that the marks of
 * the two JVMs fall on one time line. Off (one static boolean read) unless the property is set.
 */
public final class Timeline {

    private static final String PROPERTY = TestSwitches.TIMELINE;

    /** The side of a mark: the attach command's JVM. */
    public static final String CLI = "cli";
    /** The side of a mark: the JVM the agent runs in. */
    public static final String AGENT = "agent";

    private static final boolean ENABLED = System.getProperty(PROPERTY) != null;

    private Timeline() {
    }

    /**
     * @param side {@link #CLI} or {@link #AGENT}
     * @param mark what has just happened
     */
    public static void mark(String side, String mark) {
        if (ENABLED) {
            print(System.err, Instant.now(), side, mark);
        }
    }

    static void print(PrintStream out, Instant now, String side, String mark) {
        // No String.format: its first use loads the regex and formatter classes, which would distort the marks.
        String micros = Integer.toString(1_000_000 + now.getNano() / 1000).substring(1);
        out.println("cors-agent timeline " + now.getEpochSecond() + "." + micros + " " + side + " " + mark);
    }
}
