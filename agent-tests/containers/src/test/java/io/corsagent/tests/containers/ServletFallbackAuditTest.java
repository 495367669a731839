package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The servlet-level fallback alone ({@code hooks=servlet}) in audit mode on Undertow 2.3: it puts the policy's
 * headers on before the app runs and settles them again when the chain returns, yet reports each response once,
 * as the app left it.
 */
class ServletFallbackAuditTest {

    @Test
    void oneResponseIsReportedOnce() throws Exception {
        ServerProcess server = ServerProcess.shared(ServerLines.UNDERTOW23,
                ServerProcess.agentArgument("enforce.properties", "hooks=servlet", "mode=audit"));
        RawHttp.Response response = RawHttp.request("GET", "/app/fallback-once").bearer().origin(Fixtures.ALLOWED)
                .send(server.port());
        assertEquals(200, response.status());
        assertEquals("X-Served-Path, X-Secret", response.header("Access-Control-Expose-Headers"), "audit: the app's");

        // A marker after it: the agent's log is written in order, so every line of the request above is out by then.
        RawHttp.request("OPTIONS", "/app/fallback-marker").bearer().origin(Fixtures.ALLOWED)
                .header("Access-Control-Request-Method", "PATCH").send(server.port());
        server.awaitLine(l -> l.contains("preflight-would-refuse") && l.contains("/app/fallback-marker"),
                Duration.ofSeconds(10));

        List<String> reports = server.output().stream()
                .filter(l -> l.contains("headers-would-change") && l.contains("GET /app/fallback-once"))
                .map(l -> l.substring(l.indexOf("cors-agent ")))
                .toList();
        // The response as the app left it (its own Expose-Headers replaced), not the empty one before the app ran.
        assertEquals(List.of("cors-agent INFO: headers-would-change [top-level]: enforce would change the CORS headers"
                + " of the CORS request GET /app/fallback-once from https://app.example.com (allowed; status 200):"
                + " replace Access-Control-Expose-Headers: X-Served-Path, X-Secret with X-Served-Path; replace Vary:"
                + " Accept-Encoding with Accept-Encoding, Origin"), reports);
    }
}
