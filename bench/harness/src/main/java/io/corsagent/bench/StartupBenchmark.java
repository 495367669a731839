package io.corsagent.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up: from the server JVM's process start to the first 200 of {@code GET /app/hello}, without and with the
 * agent (enforce), alternating, {@code --runs} times per container; then cors-agent's own premain time, measured by
 * {@link PremainTimer} around it.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int runs = options.getInt("runs", 10);
        String cpus = options.get("server-cpus", "0,1");
        Report report = new Report("startup", "Start-up: JVM start to first served request");
        report.line("Each run starts a fresh server JVM (`taskset -c " + cpus + "`, " + String.join(" ", ServerJvm.HEAP_OPTIONS)
                + ") and requests `GET /app/hello` on a plain socket every millisecond from the moment the process is"
                + " started until the first 200. " + runs + " runs per set-up, the two set-ups alternating. Premain:"
                + " `-javaagent:bench-harness.jar=start -javaagent:cors-agent.jar=... -javaagent:bench-harness.jar=end`"
                + " (the JVM runs premains in order), " + runs + " runs.");
        report.line("");
        report.line("| container | no agent, ms | agent (enforce), ms | delta, ms (per pair) | cors-agent premain, ms |");
        report.line("| --- | --- | --- | --- | --- |");
        for (String name : options.get("containers", "jetty12,tomcat11").split(",")) {
            Container container = Container.named(name);
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> deltas = new ArrayList<>();
            List<Double> premain = new ArrayList<>();
            List<String> agent = List.of("-javaagent:" + BenchFiles.AGENT_JAR + "=" + BenchFiles.POLICY);
            for (int run = 0; run < runs; run++) {
                double a;
                double b;
                if (run % 2 == 0) {
                    a = firstRequestMillis(container, cpus, List.of());
                    b = firstRequestMillis(container, cpus, agent);
                } else {
                    b = firstRequestMillis(container, cpus, agent);
                    a = firstRequestMillis(container, cpus, List.of());
                }
                without.add(a);
                with.add(b);
                deltas.add(b - a);
                System.out.printf(Locale.ROOT, "%s run %d: no agent %.0f ms, agent %.0f ms%n", name, run + 1, a, b);
            }
            List<String> timed = List.of("-javaagent:" + BenchFiles.HARNESS_JAR + "=start", agent.get(0),
                    "-javaagent:" + BenchFiles.HARNESS_JAR + "=end");
            for (int run = 0; run < runs; run++) {
                try (ServerJvm server = ServerJvm.start(container, "none", cpus, timed, 0).awaitListening(60_000)) {
                    String line = server.lineContaining("PREMAIN-TIMER ");
                    if (line == null) {
                        throw new IllegalStateException("no PREMAIN-TIMER line:\n" + server.output());
                    }
                    premain.add(Long.parseLong(line.substring(line.indexOf("PREMAIN-TIMER ") + 14).trim()) / 1000.0);
                }
            }
            report.line("| " + container.title + " | " + Stats.of(without).format("%.0f") + " | "
                    + Stats.of(with).format("%.0f") + " | " + Stats.of(deltas).format("%+.0f") + " | "
                    + Stats.of(premain).format("%.0f") + " |");
        }
        report.line("");
        report.line("Median (min–max). The delta is taken within each alternating pair.");
        report.write();
    }

    /** Milliseconds from the process start to the first 200 response. */
    private static double firstRequestMillis(Container container, String cpus, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port = freePort();
        try (ServerJvm server = ServerJvm.start(container, "none", cpus, jvmOptions, port)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    Probe.Answer answer = Probe.send(port, "GET", Scenario.PATH, List.of(), 10_000);
                    if (answer.status() == 200) {
                        return (System.nanoTime() - server.startNanos()) / 1e6;
                    }
                } catch (ConnectException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("no 200 within 60 s:\n" + server.output());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
