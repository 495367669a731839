package io.corsagent.testing;

/** Every test and benchmark switch of the agent, each read once from its system property. */
public final class TestSwitches {

    /** {@code -Dcors-agent.test.fail-in=<point>}: the engine fails at that point of every request ({@link FaultInjection}). */
    static final String FAIL_IN = "cors-agent.test.fail-in";

    /** {@code -Dcors-agent.test.weaver-delay-ms=<ms>}: the weaver starts that much later ({@link WeaverDelay}). */
    static final String WEAVER_DELAY_MS = "cors-agent.test.weaver-delay-ms";

    /** {@code -Dcors-agent.timeline}: wall-clock marks of the attach path on standard error ({@link Timeline}). */
    static final String TIMELINE = "cors-agent.timeline";

    private static final long MINUTE = 60_000;

    private TestSwitches() {
    }

    /**
     * How often the audit log may summarise the findings it held back: a minute, unless
     * {@code -Dcors-agent.test.summary-millis=<n>} shortens it so that a test sees the summary within seconds.
     */
    public static long summaryMillis() {
        return Long.getLong("cors-agent.test.summary-millis", MINUTE);
    }

    /**
     * How often the traffic summary may be logged while it learns: a minute, unless
     * {@code -Dcors-agent.test.observed-millis=<n>} shortens it so that a test sees the log line within seconds.
     */
    public static long observedMillis() {
        return Long.getLong("cors-agent.test.observed-millis", MINUTE);
    }
}
