package io.corsagent.bench;

import java.io.IOException;
import java.util.List;

/**
 * How a bench line's server is started, and what in its output says that it serves. An embedded line runs its
 * family's launcher main in one JVM ({@link EmbeddedLaunch}); an application server runs its own start script,
 * which starts the JVM ({@link WildFlyLaunch}). {@link ServerJvm} puts {@code taskset} in front of either and
 * measures the JVM.
 */
interface ServerLaunch {

    /**
     * Prepares one server.
     *
     * @param serverArguments the launcher's arguments: CORS set-up, port (0 for any free one), pass-through filters
     * @param jvmOptions      the server JVM's options: the set-up's (the agent), then {@link ServerJvm#OPTIONS}
     */
    Start prepare(List<String> serverArguments, List<String> jvmOptions) throws IOException;

    /** How long a server of this line may take to serve, on one CPU of a loaded machine, before it counts as failed. */
    long startTimeoutMillis();

    /** One server, ready to start. */
    interface Start {

        /** The command (without taskset) and its environment. */
        ProcessBuilder process();

        /** The port the server serves on, when this line of its output says it now does; -1 otherwise. */
        int servingPort(String line);

        /** Whether this line of its output says the server runs without serving the app, so that none waits. */
        boolean failed(String line);
    }
}
