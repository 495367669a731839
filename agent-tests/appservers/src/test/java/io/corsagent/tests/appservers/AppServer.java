package io.corsagent.tests.appservers;

import java.util.List;

import io.corsagent.tests.containers.ServerProcess;

/**
 * An application server from its real distribution, set up in a directory of its own with two WARs (Jolokia's
 * unmodified WAR at {@code /jolokia} and the test app at {@code /app}, both under container BASIC auth; user
 * {@link Deployments#USER}) and started by its own start script.
 */
interface AppServer {

    /**
     * Starts a server of its own; the caller stops it.
     *
     * @param javaagent the {@code -javaagent:...} option, added where the server's documentation tells users to add
     *                  JVM options, or {@code null} for a server without the agent
     */
    ServerProcess start(String javaagent);

    /** The agent's hook at this server's entry, as {@code status} names it. */
    String entryHook();

    /**
     * Whether the server's console shows a line of its output as an error (what it captured from stderr).
     *
     * @param console the server's output, line by line
     * @param line    the index of the line in it (its record's level may be on an earlier line)
     */
    boolean showsAsError(List<String> console, int line);
}
