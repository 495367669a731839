package io.corsagent.bench;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attach under load: a server started without the agent serves allowed CORS GETs from wrk; a baseline wrk run of
 * the same length first gives the JVM's own longest request; then, {@code --attach-after} seconds into a second
 * run, {@code java -jar cors-agent.jar attach <pid> policy} is started. Measured: the CLI's run time (it returns
 * once the target confirms the policy is in effect), the time until a probe (a fresh connection every 2 ms) first
 * gets {@code Access-Control-Allow-Origin}, the longest request of wrk and of the probe during that run, the
 * longest safepoint pause of each run, and where the attach time goes: both JVMs run with
 * {@code -Dcors-agent.timeline}, whose marks {@link AttachTimeline} puts on one time line. The containers take
 * turns, run by run, so that a change in the machine's load falls on both.
 */
public final class AttachBenchmark {

    private static final String CLI_MS = "cli", ENFORCED_MS = "enforced", BASELINE_MAX = "baselineMax",
            ATTACH_MAX = "attachMax", PROBE_MAX = "probeMax", BASELINE_RPS = "baselineRps", ATTACH_RPS = "attachRps",
            BASELINE_SAFEPOINT = "baselineSafepoint", ATTACH_SAFEPOINT = "attachSafepoint",
            REDEFINE = "redefine", PROBE_MAX_SENT = "probeMaxSent";

    private AttachBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int runs = options.getInt("runs", 5);
        int seconds = options.getInt("seconds", 10);
        int attachAfter = options.getInt("attach-after", 3);
        String serverCpus = options.get("server-cpus", "0");
        String clientCpus = options.get("wrk-cpus", "1");
        Wrk wrk = new Wrk(clientCpus, 1, options.getInt("connections", 16));
        List<Container> containers = new ArrayList<>();
        for (String name : options.get("containers", "jetty12,tomcat11").split(",")) {
            containers.add(Container.named(name));
        }
        Report report = new Report("attach", "Attach: CLI start to enforcement, and the longest stall under load");
        report.line("Server `taskset -c " + serverCpus + "` without the agent; wrk (`taskset -c " + clientCpus + "`, "
                + options.getInt("connections", 16) + " connections, allowed CORS GET) for " + seconds + " s as a"
                + " baseline, then " + seconds + " s again with `java -jar cors-agent.jar attach <pid>"
                + " bench-policy.properties` (`taskset -c " + clientCpus + "`) started " + attachAfter + " s in."
                + " A probe sends an allowed CORS GET on a fresh connection every 2 ms. " + runs
                + " runs per container, each on a fresh server JVM, the containers taking turns. Server and CLI run"
                + " with `" + AttachTimeline.PROPERTY + "`; the server with `-Xlog:safepoint`.");
        report.line("");
        Map<Container, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        for (Container container : containers) {
            samples.put(container, new LinkedHashMap<>());
        }
        StringBuilder csv = new StringBuilder();
        for (int run = 0; run < runs; run++) {
            for (int turn = 0; turn < containers.size(); turn++) {
                Container container = containers.get((run + turn) % containers.size());
                Map<String, Double> result = measure(container, wrk, seconds, attachAfter, serverCpus, clientCpus);
                result.forEach((key, value) ->
                        samples.get(container).computeIfAbsent(key, k -> new ArrayList<>()).add(value));
                if (csv.length() == 0) {
                    csv.append("container,run");
                    for (String key : result.keySet()) {
                        csv.append(",\"").append(key).append('"');
                    }
                    csv.append('\n');
                }
                csv.append(container.module).append(',').append(run + 1);
                for (double value : result.values()) {
                    csv.append(',').append(String.format(Locale.ROOT, "%.1f", value));
                }
                csv.append('\n');
                System.out.printf(Locale.ROOT, "%s run %d: cli %.0f ms, enforced after %.0f ms, wrk max %.1f ms"
                                + " (baseline %.1f ms), probe max %.1f ms (sent at %.0f ms), longest safepoint %.1f ms (baseline %.1f"
                                + " ms), RedefineClasses %.1f ms%n", container.module, run + 1, result.get(CLI_MS),
                        result.get(ENFORCED_MS), result.get(ATTACH_MAX), result.get(BASELINE_MAX),
                        result.get(PROBE_MAX), result.get(PROBE_MAX_SENT), result.get(ATTACH_SAFEPOINT), result.get(BASELINE_SAFEPOINT),
                        result.get(REDEFINE));
            }
        }
        report.line("| container | CLI start → CLI exit (confirmed), ms | CLI start → first enforced response, ms"
                + " | longest wrk request, baseline run, ms | longest wrk request, attach run, ms"
                + " | longest probe request, attach run, ms (sent at, ms after CLI start) | longest safepoint pause, baseline run → attach run, ms"
                + " | RedefineClasses pauses, ms | wrk req/s baseline → attach run |");
        report.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Container container : containers) {
            Map<String, List<Double>> s = samples.get(container);
            report.line("| " + container.title + " | " + Stats.of(s.get(CLI_MS)).format("%.0f") + " | "
                    + Stats.of(s.get(ENFORCED_MS)).format("%.0f") + " | "
                    + Stats.of(s.get(BASELINE_MAX)).format("%.1f") + " | "
                    + Stats.of(s.get(ATTACH_MAX)).format("%.1f") + " | " + Stats.of(s.get(PROBE_MAX)).format("%.1f")
                    + " (" + Stats.of(s.get(PROBE_MAX_SENT)).format("%.0f") + ") | " + Stats.of(s.get(BASELINE_SAFEPOINT)).format("%.1f") + " → "
                    + Stats.of(s.get(ATTACH_SAFEPOINT)).format("%.1f") + " | "
                    + Stats.of(s.get(REDEFINE)).format("%.1f") + " | "
                    + Stats.of(s.get(BASELINE_RPS)).format("%,.0f") + " → "
                    + Stats.of(s.get(ATTACH_RPS)).format("%,.0f") + " |");
        }
        report.line("");
        report.line("Where the time goes, CLI start to CLI exit (ms; marks of `" + AttachTimeline.PROPERTY
                + "` in both JVMs). The phases follow each other; the rows in italics are details within or"
                + " alongside them, not part of the sum:");
        report.line("");
        StringBuilder header = new StringBuilder("| phase |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Container container : containers) {
            header.append(' ').append(container.title).append(" |");
            rule.append(" --- |");
        }
        report.line(header.toString());
        report.line(rule.toString());
        for (AttachTimeline.Phase phase : AttachTimeline.PHASES) {
            StringBuilder row = new StringBuilder(phase.detail() ? "| *" + phase.label() + "* |"
                    : "| " + phase.label() + " |");
            for (Container container : containers) {
                row.append(' ').append(Stats.of(samples.get(container).get(phase.label())).format("%.0f"))
                        .append(" |");
            }
            report.line(row.toString());
        }
        report.line("");
        Files.writeString(report.file(".csv"), csv.toString(), StandardCharsets.UTF_8);
        report.line("Median (min–max) over the runs; every run's figures: `"
                + BenchFiles.ROOT.relativize(report.file(".csv")) + "`. A safepoint pause is counted from the request to stop to the"
                + " restart (`Total` in `-Xlog:safepoint`), in the wrk run it ended in.");
        report.write();
    }

    /** One attach to a fresh server: every figure of the report, by key, and every phase, by label. */
    private static Map<String, Double> measure(Container container, Wrk wrk, int seconds, int attachAfter,
                                               String serverCpus, String clientCpus) throws Exception {
        Path safepointFile = Files.createTempFile("attach-safepoints-", ".log");
        SafepointLog safepoints = new SafepointLog(safepointFile);
        Map<String, Double> result = new LinkedHashMap<>();
        try (ServerJvm server = ServerJvm.start(container, "none", serverCpus,
                List.of(AttachTimeline.PROPERTY, safepoints.option()), 0).awaitListening(60_000)) {
            wrk.run(server.port(), Scenario.CORS_GET, 5);
            long baselineStart = System.currentTimeMillis();
            Wrk.Result baseline = wrk.run(server.port(), Scenario.CORS_GET, seconds);
            long baselineEnd = System.currentTimeMillis();
            Process load = wrk.start(server.port(), Scenario.CORS_GET, seconds);
            long attachRunStart = System.currentTimeMillis();
            EnforcementProbe probe = new EnforcementProbe(server.port());
            probe.start();
            Thread.sleep(attachAfter * 1000L);
            Instant spawn = Instant.now();
            long start = System.nanoTime();
            Process attach = new ProcessBuilder("taskset", "-c", clientCpus, ServerJvm.javaExecutable(),
                    AttachTimeline.PROPERTY, "-jar", BenchFiles.AGENT_JAR.toString(), "attach",
                    Long.toString(server.pid()), BenchFiles.POLICY.toString()).redirectErrorStream(true).start();
            String cliOutput = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = attach.waitFor();
            long cliEnd = System.nanoTime();
            Instant exited = Instant.now();
            if (exit != 0) {
                throw new IllegalStateException("attach failed (" + exit + "):\n" + cliOutput + "\nserver:\n"
                        + server.output());
            }
            Wrk.Result during = wrk.await(load);
            long attachRunEnd = System.currentTimeMillis();
            probe.stop();
            long firstEnforced = probe.firstEnforcedNanos.get();
            if (firstEnforced == 0) {
                throw new IllegalStateException("no enforced response after attach; server:\n" + server.output());
            }
            List<SafepointLog.Pause> attachPauses = safepoints.between(attachRunStart, attachRunEnd);
            result.put(CLI_MS, (cliEnd - start) / 1e6);
            result.put(ENFORCED_MS, (firstEnforced - start) / 1e6);
            result.put(BASELINE_MAX, baseline.maxMicros() / 1000.0);
            result.put(ATTACH_MAX, during.maxMicros() / 1000.0);
            result.put(PROBE_MAX, probe.maxLatencyNanos / 1e6);
            result.put(PROBE_MAX_SENT, (probe.maxLatencySentNanos - start) / 1e6);
            result.put(BASELINE_RPS, baseline.throughput());
            result.put(ATTACH_RPS, during.throughput());
            result.put(BASELINE_SAFEPOINT, SafepointLog.longest(safepoints.between(baselineStart, baselineEnd)));
            result.put(ATTACH_SAFEPOINT, SafepointLog.longest(attachPauses));
            result.put(REDEFINE, SafepointLog.total(attachPauses, "RedefineClasses"));
            AttachTimeline timeline = new AttachTimeline(epochSeconds(spawn), epochSeconds(exited), cliOutput,
                    server.output());
            for (AttachTimeline.Phase phase : AttachTimeline.PHASES) {
                result.put(phase.label(), timeline.millis(phase));
            }
            return result;
        } finally {
            Files.deleteIfExists(safepointFile);
        }
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /**
     * Sends allowed CORS GETs until stopped: when the first carried the agent's headers, and the slowest one with
     * when it was sent (which says in which phase of the attach the stall fell).
     */
    private static final class EnforcementProbe implements Runnable {

        final AtomicLong firstEnforcedNanos = new AtomicLong();
        /** Written by the probe thread only, read after {@link #stop()}. */
        long maxLatencyNanos;
        long maxLatencySentNanos;
        private final int port;
        private final Thread thread = new Thread(this, "enforcement-probe");
        private volatile boolean stopped;
        private volatile Exception failure;

        EnforcementProbe(int port) {
            this.port = port;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
            if (failure != null) {
                throw new IllegalStateException("probe failed", failure);
            }
        }

        private void record(long sent, long answered) {
            if (answered - sent > maxLatencyNanos) {
                maxLatencyNanos = answered - sent;
                maxLatencySentNanos = sent;
            }
        }

        @Override
        public void run() {
            while (!stopped) {
                long sent = System.nanoTime();
                try {
                    Probe.Answer answer = Probe.send(port, Scenario.CORS_GET);
                    long now = System.nanoTime();
                    record(sent, now);
                    if (answer.header("Access-Control-Allow-Origin") != null) {
                        firstEnforcedNanos.compareAndSet(0, now);
                    }
                    Thread.sleep(2);
                } catch (SocketTimeoutException e) {
                    // No answer within the probe's timeout: a stall at least that long, which the report must show.
                    record(sent, System.nanoTime());
                } catch (Exception e) {
                    failure = e;
                    return;
                }
            }
        }
    }
}
