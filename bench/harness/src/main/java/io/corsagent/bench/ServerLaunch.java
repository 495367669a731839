package io.corsagent.bench;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

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

    /**
     * One server, ready to start.
     *
     * @param process     the command (without taskset) and its environment
     * @param servingPort the port the server serves on, when a line of its output says it now does; -1 otherwise
     * @param failure     whether a line of its output says the server runs without serving the app, so that none
     *                    waits
     */
    record Start(ProcessBuilder process, ToIntFunction<String> servingPort, Predicate<String> failure) {

        int servingPort(String line) {
            return servingPort.applyAsInt(line);
        }

        boolean failed(String line) {
            return failure.test(line);
        }
    }
}
