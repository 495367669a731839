package io.corsagent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configuration of a server JVM: no agent, the agent (enforce or audit), or the container's own CORS handling.
 *
 * @param name        short name used in tables
 * @param agentMode   {@code null} without the agent, else the mode given on the agent's command line
 * @param serverCors  the server main's first argument ({@code none}, or one of {@link Container#ownCors})
 * @param agentJar    the agent build under test (ignored without the agent)
 */
record Setup(String name, String agentMode, String serverCors, Path agentJar) {

    static final String NO_AGENT = "no agent";
    static final String ENFORCE = "agent enforce";
    static final String AUDIT = "agent audit";

    /** A set-up with this checkout's agent (or the one given with -Dbench.agent.jar). */
    Setup(String name, String agentMode, String serverCors) {
        this(name, agentMode, serverCors, BenchFiles.AGENT_JAR);
    }

    static List<Setup> all(Container container) {
        return all(container, List.of(BenchFiles.AGENT_JAR));
    }

    /**
     * Every set-up, the agent ones once per build: with several jars (a before/after comparison) their names say
     * which, e.g. {@code agent enforce (before.jar)}, so the builds are measured side by side in the same rounds.
     */
    static List<Setup> all(Container container, List<Path> agentJars) {
        List<Setup> setups = new ArrayList<>();
        setups.add(new Setup(NO_AGENT, null, "none"));
        Set<String> jarNames = new HashSet<>();
        for (String mode : List.of("enforce", "audit")) {
            for (Path jar : agentJars) {
                String base = mode.equals("enforce") ? ENFORCE : AUDIT;
                String name = agentJars.size() == 1 ? base : base + " (" + jar.getFileName() + ")";
                if (mode.equals("enforce") && !jarNames.add(jar.getFileName().toString())) {
                    throw new IllegalArgumentException("agent jars need distinct file names: " + agentJars);
                }
                setups.add(new Setup(name, mode, "none", jar));
            }
        }
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
                : List.of("-javaagent:" + agentJar + "=" + policy + ",mode=" + agentMode);
    }
}
