package io.corsagent.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attach under load: a server started without the agent serves allowed CORS GETs from wrk; a baseline wrk run of
 * the same length first gives the JVM's own longest request; then, {@code --attach-after} seconds into a second
 * run, {@code java -jar cors-agent.jar attach <pid> policy} is started. Measured: the CLI's run time (it returns
 * once the target confirms the policy is in effect), the time until a probe (a fresh connection every 2 ms) first
 * gets {@code Access-Control-Allow-Origin}, and the longest request of wrk and of the probe during that run.
 */
public final class AttachBenchmark {

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
        Report report = new Report("attach", "Attach: CLI start to enforcement, and the longest stall under load");
        report.line("Server `taskset -c " + serverCpus + "` without the agent; wrk (`taskset -c " + clientCpus + "`, "
                + options.getInt("connections", 16) + " connections, allowed CORS GET) for " + seconds + " s as a"
                + " baseline, then " + seconds + " s again with `java -jar cors-agent.jar attach <pid>"
                + " bench-policy.properties` (`taskset -c " + clientCpus + "`) started " + attachAfter + " s in."
                + " A probe sends an allowed CORS GET on a fresh connection every 2 ms. " + runs
                + " runs per container, each on a fresh server JVM.");
        report.line("");
        report.line("| container | CLI start → CLI exit (confirmed), ms | CLI start → first enforced response, ms"
                + " | longest wrk request, baseline run, ms | longest wrk request, attach run, ms"
                + " | longest probe request, attach run, ms | wrk req/s baseline → attach run |");
        report.line("| --- | --- | --- | --- | --- | --- | --- |");
        for (String name : options.get("containers", "jetty12,tomcat11").split(",")) {
            Container container = Container.named(name);
            List<Double> cli = new ArrayList<>();
            List<Double> enforced = new ArrayList<>();
            List<Double> baselineMax = new ArrayList<>();
            List<Double> attachMax = new ArrayList<>();
            List<Double> probeMax = new ArrayList<>();
            List<Double> baselineRps = new ArrayList<>();
            List<Double> attachRps = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                try (ServerJvm server = ServerJvm.start(container, "none", serverCpus, List.of(), 0)
                        .awaitListening(60_000)) {
                    wrk.run(server.port(), Scenario.CORS_GET, 5);
                    Wrk.Result baseline = wrk.run(server.port(), Scenario.CORS_GET, seconds);
                    Process load = wrk.start(server.port(), Scenario.CORS_GET, seconds);
                    EnforcementProbe probe = new EnforcementProbe(server.port());
                    probe.start();
                    Thread.sleep(attachAfter * 1000L);
                    long start = System.nanoTime();
                    Process attach = new ProcessBuilder("taskset", "-c", clientCpus, ServerJvm.javaExecutable(), "-jar",
                            BenchFiles.AGENT_JAR.toString(), "attach", Long.toString(server.pid()),
                            BenchFiles.POLICY.toString()).redirectErrorStream(true).start();
                    String cliOutput = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int exit = attach.waitFor();
                    long cliEnd = System.nanoTime();
                    if (exit != 0) {
                        throw new IllegalStateException("attach failed (" + exit + "):\n" + cliOutput + "\nserver:\n"
                                + server.output());
                    }
                    Wrk.Result during = wrk.await(load);
                    probe.stop();
                    long firstEnforced = probe.firstEnforcedNanos.get();
                    if (firstEnforced == 0) {
                        throw new IllegalStateException("no enforced response after attach; server:\n" + server.output());
                    }
                    cli.add((cliEnd - start) / 1e6);
                    enforced.add((firstEnforced - start) / 1e6);
                    baselineMax.add(baseline.maxMicros() / 1000.0);
                    attachMax.add(during.maxMicros() / 1000.0);
                    probeMax.add(probe.maxLatencyNanos.get() / 1e6);
                    baselineRps.add(baseline.throughput());
                    attachRps.add(during.throughput());
                    System.out.printf(Locale.ROOT, "%s run %d: cli %.0f ms, enforced after %.0f ms, wrk max %.1f ms"
                                    + " (baseline %.1f ms), probe max %.1f ms%n", name, run + 1, cli.get(run),
                            enforced.get(run), attachMax.get(run), baselineMax.get(run), probeMax.get(run));
                }
            }
            report.line("| " + container.title + " | " + Stats.of(cli).format("%.0f") + " | "
                    + Stats.of(enforced).format("%.0f") + " | " + Stats.of(baselineMax).format("%.1f") + " | "
                    + Stats.of(attachMax).format("%.1f") + " | " + Stats.of(probeMax).format("%.1f") + " | "
                    + Stats.of(baselineRps).format("%,.0f") + " → " + Stats.of(attachRps).format("%,.0f") + " |");
        }
        report.line("");
        report.line("Median (min–max) over the runs.");
        report.write();
    }

    /** Sends allowed CORS GETs until stopped: when the first carried the agent's headers, and the slowest one. */
    private static final class EnforcementProbe implements Runnable {

        final AtomicLong firstEnforcedNanos = new AtomicLong();
        final AtomicLong maxLatencyNanos = new AtomicLong();
        private final int port;
        private final Thread thread = new Thread(this, "enforcement-probe");
        private volatile boolean stopped;

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
        }

        @Override
        public void run() {
            while (!stopped) {
                long sent = System.nanoTime();
                try {
                    Probe.Answer answer = Probe.send(port, Scenario.CORS_GET);
                    long now = System.nanoTime();
                    maxLatencyNanos.accumulateAndGet(now - sent, Math::max);
                    if (answer.header("Access-Control-Allow-Origin") != null) {
                        firstEnforcedNanos.compareAndSet(0, now);
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    throw new IllegalStateException("probe failed", e);
                }
            }
        }
    }
}
