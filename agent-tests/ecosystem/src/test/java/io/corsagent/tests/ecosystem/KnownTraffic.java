package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import io.corsagent.tests.containers.RawHttp;
import io.corsagent.tests.containers.ServerLines;
import io.corsagent.tests.containers.ServerProcess;

/**
 * Requests whose counts the agent's counters must show, sent to the audit app ({@code ServerLines.TOMCAT9_AUDIT_APP})
 * under {@code counters.properties} in enforce mode, in a JVM of its own so that the counts start at zero: the
 * misordered auth filter is seen rejecting the allowed requests (one distinct finding, 4 times) and the refused
 * preflights are findings of their own (one distinct finding, twice).
 */
final class KnownTraffic {

    static final long PREFLIGHTS_ANSWERED = 3;
    static final long PREFLIGHTS_REFUSED = 2;
    static final long ACTUAL_ALLOWED = 4;
    static final long ACTUAL_DENIED = 1;
    static final long FINDINGS = 2;
    static final long FINDING_OCCURRENCES = 6;

    private static final String ORIGIN = "https://app.example.com";
    private static final String EVIL = "https://evil.example";
    private static final String PATH = "/app/misordered/x";

    private KnownTraffic() {
    }

    /** The agent argument the server must run with. */
    static String agentArgument() {
        return ServerProcess.agentArgument("counters.properties", "mode=enforce");
    }

    static ServerProcess startServer(String... jvmOptions) {
        return ServerProcess.startUnshared(ServerLines.TOMCAT9_AUDIT_APP, jvmOptions);
    }

    static void send(int port) throws IOException {
        for (int i = 0; i < PREFLIGHTS_ANSWERED; i++) {
            assertEquals(204, preflight(ORIGIN).send(port).status());
        }
        for (int i = 0; i < PREFLIGHTS_REFUSED; i++) {
            assertEquals(403, preflight(EVIL).send(port).status());
        }
        for (int i = 0; i < ACTUAL_ALLOWED; i++) {
            RawHttp.request("GET", PATH).origin(ORIGIN).send(port);
        }
        for (int i = 0; i < ACTUAL_DENIED; i++) {
            RawHttp.request("GET", PATH).origin(EVIL).send(port);
        }
        // Not CORS: counted nowhere.
        RawHttp.request("GET", PATH).send(port);
    }

    private static RawHttp.Builder preflight(String origin) {
        return RawHttp.request("OPTIONS", PATH).origin(origin).header("Access-Control-Request-Method", "PUT");
    }
}
