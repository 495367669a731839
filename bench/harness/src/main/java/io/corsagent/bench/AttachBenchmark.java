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

/**
 * Attach under load: a server started without the agent serves allowed CORS GETs from wrk; a baseline wrk run of
 * the same length first gives the JVM's own longest request; then, {@code --attach-after} seconds into a second
 * run, {@code java -jar cors-agent.jar attach <pid> policy} is started. Measured: the CLI's run time (it returns
 * once the target confirms the policy is in effect), the time until a probe (a fresh connection every 2 ms) first
 * gets {@code Access-Control-Allow-Origin}, the longest requests, the longest safepoint pauses, and where the
 * attach time goes: both JVMs run with {@code -Dcors-agent.timeline}, whose marks {@link AttachTimeline} puts on
 * one time line. The containers take turns, run by run, so that a change in the machine's load falls on both.
 *
 * <p>Each container is measured at a first attach (the agent's woven-class cache emptied before the run, so it weaves
 * every class it instruments) and at an attach with the classes an earlier attach wove kept: the server JVMs of a
 * container share a {@code java.io.tmpdir} of their own, where the agent keeps them.
 *
 * <p>On a shared machine a request can stall for reasons that have nothing to do with the agent, so the stall is
 * also measured within the run: the probe's longest request sent during the attach window (CLI start to CLI exit
 * plus one second, when the agent loads, instruments and the JIT recompiles) against its longest request sent
 * in the rest of the same run; the safepoint pauses of the window against those of the baseline run.
 */
public final class AttachBenchmark {

    /** After the CLI's exit, what still counts as the attach: recompilation of the retransformed methods. */
    private static final long WINDOW_TAIL_NANOS = 1_000_000_000L;

    private static final String CLI_MS = "CLI start → CLI exit, ms";
    private static final String ENFORCED_MS = "CLI start → first enforced response, ms";
    private static final String WRK_BASELINE_MAX = "longest wrk request, baseline run, ms";
    private static final String WRK_ATTACH_MAX = "longest wrk request, attach run, ms";
    private static final String PROBE_WINDOW_MAX = "longest probe request sent in the attach window, ms";
    private static final String PROBE_WINDOW_MAX_SENT = "… sent at, ms after CLI start";
    private static final String PROBE_REST_MAX = "longest probe request sent in the rest of the attach run, ms";
    private static final String SAFEPOINT_BASELINE = "longest safepoint pause, baseline run, ms";
    private static final String SAFEPOINT_WINDOW = "longest safepoint pause, attach window, ms";
    private static final String REDEFINE = "RedefineClasses pauses, total, ms";
    private static final String REDEFINE_REACHING = "… of which reaching the safepoint, ms";
    private static final String RPS_BASELINE = "wrk req/s, baseline run";
    private static final String RPS_ATTACH = "wrk req/s, attach run";

    /** The rows of the first table, in order, with their format. */
    private static final Map<String, String> FIGURES = new LinkedHashMap<>();

    static {
        for (String key : List.of(CLI_MS, ENFORCED_MS)) {
            FIGURES.put(key, "%.0f");
        }
        for (String key : List.of(WRK_BASELINE_MAX, WRK_ATTACH_MAX, PROBE_WINDOW_MAX)) {
            FIGURES.put(key, "%.1f");
        }
        FIGURES.put(PROBE_WINDOW_MAX_SENT, "%.0f");
        for (String key : List.of(PROBE_REST_MAX, SAFEPOINT_BASELINE, SAFEPOINT_WINDOW, REDEFINE, REDEFINE_REACHING)) {
            FIGURES.put(key, "%.1f");
        }
        for (String key : List.of(RPS_BASELINE, RPS_ATTACH)) {
            FIGURES.put(key, "%,.0f");
        }
    }

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
        List<Container> containers = Container.list(options.get("containers", "jetty12,tomcat11"));
        Map<Container, List<Case>> casesOf = new LinkedHashMap<>();
        for (Container container : containers) {
            Path tmp = Files.createTempDirectory("attach-bench-");
            casesOf.put(container, List.of(new Case(container, false, tmp), new Case(container, true, tmp)));
        }
        List<Case> cases = casesOf.values().stream().flatMap(List::stream).toList();
        Report report = new Report("attach", "Attach: CLI start to enforcement, and the longest stall under load");
        report.line("Server `taskset -c " + serverCpus + "` without the agent; wrk (`taskset -c " + clientCpus + "`, "
                + options.getInt("connections", 16) + " connections, allowed CORS GET) for " + seconds + " s as a"
                + " baseline, then " + seconds + " s again with `java -jar cors-agent.jar attach <pid>"
                + " bench-policy.properties` (`taskset -c " + clientCpus + "`) started " + attachAfter + " s in."
                + " A probe sends an allowed CORS GET on a fresh connection every 2 ms. " + runs
                + " runs per container and case (first attach; woven classes kept), each on a fresh server JVM, the"
                + " containers taking turns, the first attach (its cache emptied) before the other. Server and CLI run"
                + " with `" + AttachTimeline.PROPERTY + "`; the server with `-Xlog:safepoint`. The attach window:"
                + " CLI start to CLI exit + 1 s.");
        report.line("");
        Map<Case, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        for (Case measured : cases) {
            samples.put(measured, new LinkedHashMap<>());
        }
        StringBuilder csv = new StringBuilder();
        for (int run = 0; run < runs; run++) {
            for (int turn = 0; turn < containers.size(); turn++) {
                Container container = containers.get((run + turn) % containers.size());
                for (Case measured : casesOf.get(container)) {
                    if (!measured.wovenKept()) {
                        BenchFiles.deleteWovenClasses(measured.tmp());
                    }
                    Map<String, Double> result = measure(measured, wrk, seconds, attachAfter, serverCpus, clientCpus);
                    result.forEach((key, value) ->
                            samples.get(measured).computeIfAbsent(key, k -> new ArrayList<>()).add(value));
                    if (csv.length() == 0) {
                        csv.append("container,case,run");
                        result.keySet().forEach(key -> csv.append(",\"").append(key).append('"'));
                        csv.append('\n');
                    }
                    csv.append(container.module).append(',').append(measured.wovenKept() ? "kept" : "first")
                            .append(',').append(run + 1);
                    result.values().forEach(value -> csv.append(String.format(Locale.ROOT, ",%.1f", value)));
                    csv.append('\n');
                    System.out.printf(Locale.ROOT, "%s run %d: cli %.0f ms, enforced after %.0f ms; probe max %.1f ms"
                                    + " in the attach window (sent at %.0f ms), %.1f ms in the rest of the run; wrk max"
                                    + " %.1f ms (baseline run %.1f ms); longest safepoint %.1f ms in the window"
                                    + " (baseline run %.1f ms), RedefineClasses %.1f ms%n", measured.title(), run + 1,
                            result.get(CLI_MS), result.get(ENFORCED_MS), result.get(PROBE_WINDOW_MAX),
                            result.get(PROBE_WINDOW_MAX_SENT), result.get(PROBE_REST_MAX), result.get(WRK_ATTACH_MAX),
                            result.get(WRK_BASELINE_MAX), result.get(SAFEPOINT_WINDOW), result.get(SAFEPOINT_BASELINE),
                            result.get(REDEFINE));
                }
            }
        }
        table(report, "figure", cases, samples, FIGURES);
        report.line("");
        report.line("Where the time goes, CLI start to CLI exit (ms; marks of `" + AttachTimeline.PROPERTY
                + "` in both JVMs). The phases follow each other; the rows in italics are details within or"
                + " alongside them, not part of the sum:");
        report.line("");
        Map<String, String> phases = new LinkedHashMap<>();
        for (AttachTimeline.Phase phase : AttachTimeline.PHASES) {
            phases.put(phase.label(), "%.0f");
        }
        table(report, "phase", cases, samples, phases);
        report.line("");
        Files.writeString(report.file(".csv"), csv.toString(), StandardCharsets.UTF_8);
        report.line("Median (min–max) over the runs; every run's figures: `"
                + BenchFiles.ROOT.relativize(report.file(".csv")) + "`. A safepoint pause is counted from the request"
                + " to stop to the restart (`Total` in `-Xlog:safepoint`).");
        report.write();
    }

    /** A container, attached to with or without the classes an earlier attach wove. */
    private record Case(Container container, boolean wovenKept, Path tmp) {
        String title() {
            return container.title + (wovenKept ? ", woven classes kept" : ", first attach");
        }
    }

    /** One row per key (a figure or a phase), one column per case: median (min–max). */
    private static void table(Report report, String what, List<Case> cases,
                              Map<Case, Map<String, List<Double>>> samples, Map<String, String> rows) {
        StringBuilder header = new StringBuilder("| " + what + " |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Case column : cases) {
            header.append(' ').append(column.title()).append(" |");
            rule.append(" --- |");
        }
        report.line(header.toString());
        report.line(rule.toString());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            boolean detail = AttachTimeline.PHASES.stream()
                    .anyMatch(phase -> phase.detail() && phase.label().equals(row.getKey()));
            StringBuilder line = new StringBuilder(detail ? "| *" + row.getKey() + "* |" : "| " + row.getKey() + " |");
            for (Case column : cases) {
                line.append(' ').append(Stats.of(samples.get(column).get(row.getKey())).format(row.getValue()))
                        .append(" |");
            }
            report.line(line.toString());
        }
    }

    /** One attach to a fresh server: every figure of the report, by key, and every phase, by label. */
    private static Map<String, Double> measure(Case measured, Wrk wrk, int seconds, int attachAfter,
                                               String serverCpus, String clientCpus) throws Exception {
        Path safepointFile = Files.createTempFile("attach-safepoints-", ".log");
        SafepointLog safepoints = new SafepointLog(safepointFile);
        Map<String, Double> result = new LinkedHashMap<>();
        try (ServerJvm server = ServerJvm.start(measured.container(), "none", serverCpus,
                List.of("-Djava.io.tmpdir=" + measured.tmp(), AttachTimeline.PROPERTY, safepoints.option()), 0)
                .awaitListening()) {
            wrk.run(server.port(), Scenario.CORS_GET, 5);
            long baselineStart = System.currentTimeMillis();
            Wrk.Result baseline = wrk.run(server.port(), Scenario.CORS_GET, seconds);
            long baselineEnd = System.currentTimeMillis();
            Process load = wrk.start(server.port(), Scenario.CORS_GET, seconds);
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
            probe.stop();
            long firstEnforced = probe.firstEnforcedNanos;
            if (firstEnforced == 0) {
                throw new IllegalStateException("no enforced response after attach; server:\n" + server.output());
            }
            long windowEnd = cliEnd + WINDOW_TAIL_NANOS;
            long windowEndMillis = exited.toEpochMilli() + WINDOW_TAIL_NANOS / 1_000_000;
            List<SafepointLog.Pause> windowPauses = safepoints.between(spawn.toEpochMilli(), windowEndMillis);
            long[] windowMax = probe.longest(start, windowEnd);
            result.put(CLI_MS, (cliEnd - start) / 1e6);
            result.put(ENFORCED_MS, (firstEnforced - start) / 1e6);
            result.put(WRK_BASELINE_MAX, baseline.maxMicros() / 1000.0);
            result.put(WRK_ATTACH_MAX, during.maxMicros() / 1000.0);
            result.put(PROBE_WINDOW_MAX, windowMax[1] / 1e6);
            result.put(PROBE_WINDOW_MAX_SENT, (windowMax[0] - start) / 1e6);
            result.put(PROBE_REST_MAX, Math.max(probe.longest(Long.MIN_VALUE, start)[1],
                    probe.longest(windowEnd, Long.MAX_VALUE)[1]) / 1e6);
            result.put(SAFEPOINT_BASELINE, SafepointLog.longest(safepoints.between(baselineStart, baselineEnd)));
            result.put(SAFEPOINT_WINDOW, SafepointLog.longest(windowPauses));
            result.put(REDEFINE, SafepointLog.total(windowPauses, "RedefineClasses"));
            result.put(REDEFINE_REACHING, SafepointLog.reaching(windowPauses, "RedefineClasses"));
            result.put(RPS_BASELINE, baseline.throughput());
            result.put(RPS_ATTACH, during.throughput());
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
     * Sends allowed CORS GETs until stopped: when the first carried the agent's headers, and when each was sent and
     * how long it took (about 5,000 over a 10 s run), so that the stalls can be told apart by when they happened.
     */
    private static final class EnforcementProbe implements Runnable {

        /** Written by the probe thread only, read after {@link #stop()}. */
        long firstEnforcedNanos;
        private final List<long[]> requests = new ArrayList<>();
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

        /** @return {sent, nanoseconds} of the longest request sent in [from, to), or {from, 0} when there was none */
        long[] longest(long from, long to) {
            long[] longest = {from, 0};
            for (long[] request : requests) {
                if (request[0] >= from && request[0] < to && request[1] > longest[1]) {
                    longest = request;
                }
            }
            return longest;
        }

        @Override
        public void run() {
            while (!stopped) {
                long sent = System.nanoTime();
                try {
                    Probe.Answer answer = Probe.send(port, Scenario.CORS_GET);
                    long now = System.nanoTime();
                    requests.add(new long[] {sent, now - sent});
                    if (firstEnforcedNanos == 0 && answer.header("Access-Control-Allow-Origin") != null) {
                        firstEnforcedNanos = now;
                    }
                    Thread.sleep(2);
                } catch (SocketTimeoutException e) {
                    // No answer within the probe's timeout: a stall at least that long, which the report must show.
                    requests.add(new long[] {sent, System.nanoTime() - sent});
                } catch (Exception e) {
                    failure = e;
                    return;
                }
            }
        }
    }
}
