package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.corsagent.tests.containers.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/metrics/prometheus-jmx.yaml} in the real Prometheus JMX exporter agent: after known traffic, a scrape
 * of its {@code /metrics} has exactly the cors_agent metrics the file promises, with their types and help.
 */
class PrometheusJmxMetricsTest {

    private static ServerProcess server;
    private static int metricsPort;

    @BeforeAll
    static void startServerWithTheExporter() throws IOException {
        // The exporter needs a fixed port: take one the system just handed out.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            metricsPort = socket.getLocalPort();
        }
        server = KnownTraffic.startServer(
                "-javaagent:" + Ecosystem.prometheusJmxAgent() + "=127.0.0.1:" + metricsPort + ":"
                        + Ecosystem.doc("metrics/prometheus-jmx.yaml"),
                Ecosystem.corsAgentOption(KnownTraffic.agentArgument()));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void aScrapeHasTheMetricsOfTheRulesCountingTheKnownTraffic() throws Exception {
        KnownTraffic.send(server.port());

        List<String> expected = List.of(
                "# HELP cors_agent_distinct_findings_total Distinct findings logged or counted since the agent started.",
                "# TYPE cors_agent_distinct_findings_total counter",
                "cors_agent_distinct_findings_total " + KnownTraffic.FINDINGS + ".0",
                "# HELP cors_agent_errors_total Failures inside cors-agent (the request went on without it); alert on any.",
                "# TYPE cors_agent_errors_total counter",
                "cors_agent_errors_total 0.0",
                "# HELP cors_agent_findings_total Findings the agent reported (audit findings, refused preflights),"
                        + " repeats included.",
                "# TYPE cors_agent_findings_total counter",
                "cors_agent_findings_total " + KnownTraffic.FINDING_OCCURRENCES + ".0",
                "# HELP cors_agent_mode 1, labelled with the agent's mode (enforce, audit, off; none while inactive).",
                "# TYPE cors_agent_mode gauge",
                "cors_agent_mode{mode=\"enforce\"} 1.0",
                "# HELP cors_agent_preflights_total CORS preflights cors-agent answered itself with 204 (answered) or"
                        + " refused with 403 (refused).",
                "# TYPE cors_agent_preflights_total counter",
                "cors_agent_preflights_total{decision=\"answered\"} " + KnownTraffic.PREFLIGHTS_ANSWERED + ".0",
                "cors_agent_preflights_total{decision=\"refused\"} " + KnownTraffic.PREFLIGHTS_REFUSED + ".0",
                "# HELP cors_agent_requests_total Actual (not preflight) CORS requests from an allowed origin (allowed)"
                        + " or from one the policy does not allow (denied).",
                "# TYPE cors_agent_requests_total counter",
                "cors_agent_requests_total{decision=\"allowed\"} " + KnownTraffic.ACTUAL_ALLOWED + ".0",
                "cors_agent_requests_total{decision=\"denied\"} " + KnownTraffic.ACTUAL_DENIED + ".0",
                "# HELP cors_agent_state 1, labelled with the agent's state; inactive means no valid policy was ever"
                        + " loaded.",
                "# TYPE cors_agent_state gauge",
                "cors_agent_state{state=\"active\"} 1.0");

        // The counters are read at the scrape; the MBean is registered right after the first request.
        List<String> scraped = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!scraped.equals(expected) && System.nanoTime() < deadline) {
            scraped = scrape().lines().filter(line -> line.contains(" cors_agent_") || line.startsWith("cors_agent_"))
                    .toList();
            if (!scraped.equals(expected)) {
                Thread.sleep(200);
            }
        }
        assertEquals(expected, scraped);
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                        .timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
