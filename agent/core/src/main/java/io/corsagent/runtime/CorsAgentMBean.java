package io.corsagent.runtime;

/**
 * The agent's counters and state as a standard MBean, {@value AgentMBeanRegistration#OBJECT_NAME} (jconsole,
 * VisualVM). Preflights are counted by what the agent did in enforce mode, and apart, by what it would have done
 * in audit and off mode.
 */
public interface CorsAgentMBean {

    /**
     * {@code active}, {@code degraded} (a hook switched off, or a class loader hiding the agent), {@code not-guarding}
     * (no hook woven into any loaded class), or {@code inactive} while no valid policy was ever loaded.
     */
    String getState();

    /** {@code enforce}, {@code audit}, {@code off}, or {@code none} while inactive. */
    String getMode();

    /** The policy file the agent follows. */
    String getPolicyFile();

    long getPreflightsAnswered();

    long getPreflightsRefused();

    long getPreflightsWouldAnswer();

    long getPreflightsWouldRefuse();

    long getActualRequestsAllowed();

    long getActualRequestsDenied();

    /** Distinct findings logged or counted since the agent started. */
    long getFindings();

    /** Every finding reported, repeats included. */
    long getFindingOccurrences();

    /** Failures inside the agent since it started (each hook's first one is logged). */
    long getAgentErrors();
}
