package io.corsagent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configuration of a server JVM: no agent, the agent (enforce or audit), the app writing the CORS fields itself
 * (the floor of an allowed CORS GET), or the container's own CORS handling; optionally behind a chain of
 * pass-through filters.
 *
 * @param name        short name used in tables
 * @param agentMode   {@code null} without the agent, else the mode given on the agent's command line
 * @param serverCors  the server main's first argument: {@code none}, {@code app-fields}, or one of
 *                    {@link Container.OwnCors#argument}
 * @param agentJar    the agent build under test (ignored without the agent)
 * @param filters     how many pass-through filters run ahead of the servlet
 */
record Setup(String name, String agentMode, String serverCors, Path agentJar, int filters) {

    static final String NO_AGENT = "no agent";
    static final String ENFORCE = "agent enforce";
    static final String AUDIT = "agent audit";
    static final String APP_FIELDS = "app writes the fields";
    static final String NONE = "none";
    /** What a set-up behind a chain of pass-through filters adds to its name, before the number of filters. */
    static final String CHAIN = " + ";

    /** A set-up with this checkout's agent (or the one given with -Dbench.agent.jar) and no filter chain. */
    Setup(String name, String agentMode, String serverCors) {
        this(name, agentMode, serverCors, BenchFiles.AGENT_JAR, 0);
    }

    /**
     * Every set-up, the agent ones once per build: with several jars (a before/after comparison) their names say
     * which, e.g. {@code agent enforce (before.jar)}, so the builds are measured side by side in the same rounds.
     * With a chain ({@code chain > 0}), also no agent and the agent enforcing behind that many pass-through
     * filters, named {@code no agent + N filters} and {@code agent enforce + N filters}.
     */
    static List<Setup> all(Container container, List<Path> agentJars, int chain) {
        Set<String> jarNames = new HashSet<>();
        for (Path jar : agentJars) {
            if (!jarNames.add(jar.getFileName().toString())) {
                throw new IllegalArgumentException("agent jars need distinct file names: " + agentJars);
            }
        }
        List<Setup> setups = new ArrayList<>();
        setups.add(new Setup(NO_AGENT, null, NONE));
        for (String mode : List.of("enforce", "audit")) {
            setups.addAll(agentSetups(mode.equals("enforce") ? ENFORCE : AUDIT, mode, agentJars, 0));
        }
        setups.add(new Setup(APP_FIELDS, null, "app-fields"));
        for (Container.OwnCors own : container.ownCors) {
            setups.add(new Setup(own.title, null, own.argument));
        }
        if (chain > 0) {
            setups.add(new Setup(NO_AGENT + chainSuffix(chain), null, NONE, BenchFiles.AGENT_JAR, chain));
            setups.addAll(agentSetups(ENFORCE, "enforce", agentJars, chain));
        }
        return setups;
    }

    private static List<Setup> agentSetups(String base, String mode, List<Path> agentJars, int filters) {
        List<Setup> setups = new ArrayList<>();
        for (Path jar : agentJars) {
            String name = agentJars.size() == 1 ? base : base + " (" + jar.getFileName() + ")";
            setups.add(new Setup(filters == 0 ? name : name + chainSuffix(filters), mode, NONE, jar, filters));
        }
        return setups;
    }

    private static String chainSuffix(int filters) {
        return CHAIN + filters + " filters";
    }

    /** The server main's arguments after the CORS set-up's: the port and the pass-through filters. */
    List<String> serverArguments(int port) {
        return List.of(serverCors, Integer.toString(port), Integer.toString(filters));
    }

    /** The JVM options this set-up adds: the agent with the bench policy and the mode. */
    List<String> jvmOptions(java.nio.file.Path policy) {
        return agentMode == null ? List.of()
                : List.of("-javaagent:" + agentJar + "=" + policy + ",mode=" + agentMode);
    }
}
