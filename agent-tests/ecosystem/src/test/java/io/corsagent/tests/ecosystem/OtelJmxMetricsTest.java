package io.corsagent.tests.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.corsagent.tests.containers.ServerProcess;
import io.corsagent.tests.ecosystem.LoggedMetrics.Metric;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/metrics/otel-jmx.yaml} in the real OpenTelemetry Java agent: after known traffic, its logging exporter
 * prints exactly the metrics, units and values the file promises. The agent looks for the MBean every few seconds here
 * ({@code otel.jmx.discovery.delay=1000}) and exports every second.
 */
class OtelJmxMetricsTest {

    private static ServerProcess server;

    @BeforeAll
    static void startServerWithTheOpenTelemetryAgent() {
        server = KnownTraffic.startServer(
                "-Dotel.service.name=cors-test",
                "-Dotel.traces.exporter=none",
                "-Dotel.logs.exporter=none",
                "-Dotel.metrics.exporter=logging",
                "-Dotel.metric.export.interval=1000",
                "-Dotel.instrumentation.runtime-telemetry.enabled=false",
                "-Dotel.jmx.discovery.delay=1000",
                "-Dotel.jmx.config=" + Ecosystem.doc("metrics/otel-jmx.yaml"),
                "-javaagent:" + Ecosystem.openTelemetryAgent(),
                Ecosystem.corsAgentOption(KnownTraffic.agentArgument()));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void theMetricsOfTheRulesCountTheKnownTraffic() throws Exception {
        KnownTraffic.send(server.port());

        Map<String, Metric> expected = new TreeMap<>(Map.of(
                "cors_agent.preflight.count", counter("{request}", Map.of(
                        "{cors_agent.decision=\"answered\"}", KnownTraffic.PREFLIGHTS_ANSWERED,
                        "{cors_agent.decision=\"refused\"}", KnownTraffic.PREFLIGHTS_REFUSED)),
                "cors_agent.request.count", counter("{request}", Map.of(
                        "{cors_agent.decision=\"allowed\"}", KnownTraffic.ACTUAL_ALLOWED,
                        "{cors_agent.decision=\"denied\"}", KnownTraffic.ACTUAL_DENIED)),
                "cors_agent.finding.count", counter("{finding}", Map.of("{}", KnownTraffic.FINDING_OCCURRENCES)),
                "cors_agent.finding.distinct.count", counter("{finding}", Map.of("{}", KnownTraffic.FINDINGS)),
                "cors_agent.error.count", counter("{error}", Map.of("{}", 0L)),
                "cors_agent.state", state(Map.of(
                        "{cors_agent.state=\"active\"}", 1L,
                        "{cors_agent.state=\"inactive\"}", 0L)),
                "cors_agent.mode", state(Map.of(
                        "{cors_agent.mode=\"enforce\"}", 1L,
                        "{cors_agent.mode=\"audit\"}", 0L,
                        "{cors_agent.mode=\"off\"}", 0L,
                        "{cors_agent.mode=\"none\"}", 0L))));

        // The MBean appears with the first request; the agent's next discovery finds it, its next export shows it.
        Map<String, Metric> latest = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!latest.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            latest.clear();
            List<String> output = server.output();
            for (String line : output) {
                latest.putAll(LoggedMetrics.parse(line, "cors_agent."));
            }
        }
        assertEquals(expected, latest, () -> "the last export of each cors_agent metric; server output:\n"
                + String.join("\n", server.output()));
    }

    private static Metric counter(String unit, Map<String, Long> points) {
        return new Metric(unit, "LONG_SUM", true, new TreeMap<>(points));
    }

    /** A state metric is an up-down counter of unit 1: 1 for the current value, 0 for the others. */
    private static Metric state(Map<String, Long> points) {
        return new Metric("1", "LONG_SUM", false, new TreeMap<>(points));
    }
}
