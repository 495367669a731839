package io.corsagent.tests.ecosystem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerProcess;

/** An APM agent loaded beside cors-agent: how it is started, and what it exported. */
interface ApmAgent extends AutoCloseable {

    /** A server span (OpenTelemetry) or transaction (Elastic) the agent exported for one HTTP request. */
    record ServerSpan(String method, String path, int status) {
    }

    String name();

    /** Its system properties and its {@code -javaagent} option. */
    List<String> jvmOptions();

    /** Every server span the agent exported so far from this server. */
    List<ServerSpan> exportedServerSpans(ServerProcess server);

    /**
     * Whether the agent traces a preflight cors-agent answers at this line's entry hook: only if the agent starts its
     * span in a method that runs before that hook. One that instruments the servlet API never does.
     */
    boolean tracesPreflightsCorsAgentAnswers(ServerLine line);

    /** Whether a line of the server's output is an error the agent logged. */
    boolean isErrorLine(String outputLine);

    /** Waits until the agent exported a server span for this method and path; fails with what it did export. */
    default ServerSpan awaitServerSpan(ServerProcess server, String method, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ServerSpan> spans;
        do {
            spans = exportedServerSpans(server);
            for (ServerSpan span : spans) {
                if (span.method().equals(method) && span.path().equals(path)) {
                    return span;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name() + " exported no server span for " + method + " " + path + " within "
                + Duration.ofSeconds(30) + "; it exported " + spans);
    }

    @Override
    void close();
}
