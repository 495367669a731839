package io.corsagent.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of a server JVM: no agent, the agent (enforce or audit), or the container's own CORS handling.
 *
 * @param name        short name used in tables
 * @param agentMode   {@code null} without the agent, else the mode given on the agent's command line
 * @param serverCors  the server main's first argument ({@code none}, or one of {@link Container#ownCors})
 */
record Setup(String name, String agentMode, String serverCors) {

    static final String NO_AGENT = "no agent";
    static final String ENFORCE = "agent enforce";
    static final String AUDIT = "agent audit";

    static List<Setup> all(Container container) {
        List<Setup> setups = new ArrayList<>();
        setups.add(new Setup(NO_AGENT, null, "none"));
        setups.add(new Setup(ENFORCE, "enforce", "none"));
        setups.add(new Setup(AUDIT, "audit", "none"));
        for (String own : container.ownCors) {
            setups.add(new Setup(container.ownCorsTitle(own), null, own));
        }
        return setups;
    }

    boolean isContainerCors() {
        return agentMode == null && !serverCors.equals("none");
    }

    /** The JVM options this set-up adds: the agent with the bench policy and the mode. */
    List<String> jvmOptions(java.nio.file.Path policy) {
        return agentMode == null ? List.of()
                : List.of("-javaagent:" + BenchFiles.AGENT_JAR + "=" + policy + ",mode=" + agentMode);
    }
}
