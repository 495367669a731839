package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.corsagent.tests.containers.ContainerContract;
import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * cors-agent beside an APM agent that instruments the same container classes: the whole container contract passes,
 * and the APM agent still traces the requests. A subclass names the line, the APM agent and which of the two the JVM
 * loads first. One server per class, stopped when it is done.
 */
abstract class SideBySideContract extends ContainerContract {

    /** Which agent's {@code -javaagent} comes first on the command line, so which one the JVM loads first. */
    enum Order {
        APM_AGENT_FIRST,
        CORS_AGENT_FIRST
    }

    private static final String ALLOWED = "https://app.example.com";

    private final ServerLine line;
    private final ApmAgent apm;
    private final Order order;
    private ServerProcess server;

    SideBySideContract(ServerLine line, ApmAgent apm, Order order) {
        super(line);
        this.line = line;
        this.apm = apm;
        this.order = order;
    }

    @Override
    protected ServerProcess startServer(ServerLine line, String agentArgument) {
        List<String> options = new ArrayList<>();
        if (order == Order.CORS_AGENT_FIRST) {
            options.add(Ecosystem.corsAgentOption(agentArgument));
        }
        options.addAll(apm.jvmOptions());
        if (order == Order.APM_AGENT_FIRST) {
            options.add(Ecosystem.corsAgentOption(agentArgument));
        }
        server = ServerProcess.startUnshared(line, options.toArray(String[]::new));
        return server;
    }

    /**
     * The errors the APM agent logged while the two agents served side by side, read before the server stops: as the
     * JVM stops, the APM agent's own threads may log their end (Elastic's sampling-profiler thread once logged
     * {@code ExecutorUtils - null}), which says nothing about cors-agent beside it.
     */
    @AfterAll
    void stopServerAndTheApmAgentLoggedNoError() {
        List<String> errors = server.output().stream().filter(apm::isErrorLine).toList();
        server.stop();
        apm.close();
        assertEquals(List.of(), errors, apm + " logged errors");
    }

    @Test
    void theApmAgentTracesTheAppsRequests() throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/traced").origin(ALLOWED).bearer()
                .send(server.port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(200, apm.awaitServerSpan(server, "GET", "/app/api/traced").status());
    }

    @Test
    void aPreflightCorsAgentAnsweredIsTracedWhereTheApmAgentSeesIt() throws Exception {
        RawHttp.Response preflight = RawHttp.request("OPTIONS", "/app/api/traced-preflight").origin(ALLOWED)
                .header("Access-Control-Request-Method", "PUT").send(server.port());
        assertEquals(204, preflight.status(), preflight::toString);
        if (apm.tracesPreflightsCorsAgentAnswers(line)) {
            assertEquals(204, apm.awaitServerSpan(server, "OPTIONS", "/app/api/traced-preflight").status());
            return;
        }
        // The APM agent never saw the answered preflight: once a later request is exported, it would have been too.
        RawHttp.Response after = RawHttp.request("GET", "/app/api/after-preflight").bearer().send(server.port());
        assertEquals(200, after.status(), after::toString);
        apm.awaitServerSpan(server, "GET", "/app/api/after-preflight");
        assertTrue(apm.exportedServerSpans(server).stream()
                .noneMatch(span -> span.path().equals("/app/api/traced-preflight")), apm.exportedServerSpans(server)::toString);
    }
}
