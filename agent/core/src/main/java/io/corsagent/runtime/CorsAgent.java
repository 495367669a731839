package io.corsagent.runtime;

import io.corsagent.cors.CorsPolicyEngine;

/** The {@link CorsAgentMBean} of the running agent: reads its state and counters when asked, stores nothing. */
public final class CorsAgent implements CorsAgentMBean {

    private final RunningAgent agent;

    CorsAgent(RunningAgent agent) {
        this.agent = agent;
    }

    @Override
    public String getState() {
        return agent.state();
    }

    @Override
    public String getMode() {
        CorsPolicyEngine engine = agent.engine();
        return engine == null ? "none" : engine.mode().keyword();
    }

    @Override
    public String getPolicyFile() {
        return String.valueOf(agent.policyFile());
    }

    @Override
    public long getPreflightsAnswered() {
        return agent.events().counters().preflightsAnswered();
    }

    @Override
    public long getPreflightsRefused() {
        return agent.events().counters().preflightsRefused();
    }

    @Override
    public long getPreflightsWouldAnswer() {
        return agent.events().counters().preflightsWouldAnswer();
    }

    @Override
    public long getPreflightsWouldRefuse() {
        return agent.events().counters().preflightsWouldRefuse();
    }

    @Override
    public long getActualRequestsAllowed() {
        return agent.events().counters().actualAllowed();
    }

    @Override
    public long getActualRequestsDenied() {
        return agent.events().counters().actualDenied();
    }

    @Override
    public long getFindings() {
        return agent.events().findings();
    }

    @Override
    public long getFindingOccurrences() {
        return agent.events().findingOccurrences();
    }

    @Override
    public long getAgentErrors() {
        return agent.events().errors();
    }
}
