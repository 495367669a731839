package io.corsagent.runtime;

/**
 * The agent's counters and state as a standard MBean, {@value AgentMBeanRegistration#OBJECT_NAME} (jconsole,
 * VisualVM). In audit and off mode the request counters say what enforce mode would have done.
 */
public interface CorsAgentMBean {

    /** {@code active}, or {@code inactive} while no valid policy was ever loaded. */
    String getState();

    /** {@code enforce}, {@code audit}, {@code off}, or {@code none} while inactive. */
    String getMode();

    /** The policy file the agent follows. */
    String getPolicyFile();

    long getPreflightsAnswered();

    long getPreflightsRefused();

    long getActualRequestsAllowed();

    long getActualRequestsDenied();

    /** Distinct findings logged or counted since the agent started. */
    long getFindings();

    /** Every finding reported, repeats included. */
    long getFindingOccurrences();

    /** Failures inside the agent since it started (each hook's first one is logged). */
    long getAgentErrors();
}
