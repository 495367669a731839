package io.corsagent.tests.appservers;

import java.util.List;
import java.util.function.Supplier;

import io.corsagent.tests.containers.ServerProcess;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Attaches the server's output (its console: the server log and the agent's lines) to a failing test's report. */
final class ServerOutputOnFailure implements TestExecutionExceptionHandler {

    private static final int LINES = 400;

    private final Supplier<ServerProcess> server;

    ServerOutputOnFailure(Supplier<ServerProcess> server) {
        this.server = server;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        ServerProcess running = server.get();
        if (running != null) {
            List<String> output = running.output();
            List<String> tail = output.subList(Math.max(0, output.size() - LINES), output.size());
            failure.addSuppressed(new ServerOutput("last " + tail.size() + " lines of " + running + ":\n"
                    + String.join("\n", tail)));
        }
        throw failure;
    }

    /** The output as a suppressed exception: it prints with the failure, without a stack trace of its own. */
    private static final class ServerOutput extends Exception {
        ServerOutput(String text) {
            super(text, null, false, false);
        }
    }
}
