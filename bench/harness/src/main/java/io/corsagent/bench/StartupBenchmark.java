package io.corsagent.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up: from the server JVM's process start to the first 200 of {@code GET /app/hello}, without the agent and
 * with it (enforce), interleaved (the order rotates every run), {@code --runs} times per container; then
 * cors-agent's own premain time, measured by {@link PremainTimer} around it.
 *
 * <p>The agent is measured twice: at a first start, with no woven classes kept (its woven-class cache emptied before
 * every such run, the extracted bundle left in place as after any earlier start), and at a restart, with the classes
 * the previous start wove kept. Each agent jar has a {@code java.io.tmpdir} of its own, so builds never share a cache.
 *
 * <p>{@code --agent-jars a.jar,b.jar} compares several builds of the agent in the same interleaved runs (before and
 * after a change); by default the one agent jar of this checkout.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int runs = options.getInt("runs", 10);
        String cpus = options.get("server-cpus", "0,1");
        List<Path> jars = new ArrayList<>();
        for (String jar : options.get("agent-jars", BenchFiles.AGENT_JAR.toString()).split(",")) {
            jars.add(Path.of(jar).toAbsolutePath());
        }
        Report report = new Report("startup", "Start-up: JVM start to first served request");
        report.line("Each run starts a fresh server JVM (`taskset -c " + cpus + "`, " + String.join(" ", ServerJvm.OPTIONS)
                + ") and requests `GET /app/hello` on a plain socket every millisecond from the moment the process is"
                + " started until the first 200. " + runs + " runs per set-up, interleaved (the order rotates every run)."
                + " Premain: `-javaagent:bench-harness.jar=start -javaagent:cors-agent.jar=... -javaagent:bench-harness.jar=end`"
                + " (the JVM runs premains in order), " + runs + " runs.");
        report.line("");
        report.line("| container | set-up | JVM start → first 200, ms | delta vs no agent, ms (within each run)"
                + " | server CPU time (user+sys) until then, ms | cors-agent premain, ms |");
        report.line("| --- | --- | --- | --- | --- | --- |");
        for (Container container : Container.list(options.get("containers", "jetty12,tomcat11"))) {
            Map<String, List<String>> setups = new LinkedHashMap<>();
            Map<String, Path> emptiedBeforeEachRun = new LinkedHashMap<>();
            setups.put(Setup.NO_AGENT, List.of());
            for (Path jar : jars) {
                Path tmp = Files.createTempDirectory("startup-bench-");
                List<String> agent = List.of("-Djava.io.tmpdir=" + tmp, "-javaagent:" + jar + "=" + BenchFiles.POLICY);
                String firstStart = label(jar, jars, "first start");
                setups.put(firstStart, agent);
                emptiedBeforeEachRun.put(firstStart, tmp);
                setups.put(label(jar, jars, "restart"), agent);
                // Extracts the bundle and keeps the woven classes, as an earlier start of the app would have.
                firstRequestMillis(container, cpus, agent);
            }
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<String, List<Double>> cpuTimes = new LinkedHashMap<>();
            Map<String, List<Double>> deltas = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(setups.keySet());
            for (int run = 0; run < runs; run++) {
                Map<String, Double> thisRun = new LinkedHashMap<>();
                for (String setup : order) {
                    if (emptiedBeforeEachRun.containsKey(setup)) {
                        BenchFiles.deleteWovenClasses(emptiedBeforeEachRun.get(setup));
                    }
                    double[] wallAndCpu = firstRequestMillis(container, cpus, setups.get(setup));
                    thisRun.put(setup, wallAndCpu[0]);
                    cpuTimes.computeIfAbsent(setup, k -> new ArrayList<>()).add(wallAndCpu[1]);
                }
                Collections.rotate(order, 1);
                for (Map.Entry<String, Double> e : thisRun.entrySet()) {
                    times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                    deltas.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue() - thisRun.get(Setup.NO_AGENT));
                }
                System.out.println(container.module + " run " + (run + 1) + ": " + thisRun);
            }
            for (String setup : setups.keySet()) {
                String premain = "";
                if (!setup.equals(Setup.NO_AGENT)) {
                    premain = Stats.of(premainMillis(container, cpus, setups.get(setup), runs)).format("%.0f");
                }
                report.line("| " + container.title + " | " + setup + " | " + Stats.of(times.get(setup)).format("%.0f")
                        + " | " + (setup.equals(Setup.NO_AGENT) ? "" : Stats.of(deltas.get(setup)).format("%+.0f"))
                        + " | " + Stats.of(cpuTimes.get(setup)).format("%.0f") + " | " + premain + " |");
            }
        }
        report.line("");
        report.line("Median (min–max). First start: the agent's woven-class cache emptied before the run (the"
                + " extracted bundle kept), so the agent weaves every class it instruments; restart: the classes the"
                + " previous start wove kept, so the agent takes them from disk and never sets up its weaver. CPU time: all threads of the server JVM (JIT and GC included), from"
                + " /proc/<pid>/stat when the first 200 arrived, 10 ms resolution; less sensitive to other load than the"
                + " wall time.");
        report.write();
    }

    private static String label(Path jar, List<Path> jars, String start) {
        return jars.size() == 1 ? "agent (enforce), " + start : "agent (enforce), " + start + ", " + jar.getFileName();
    }

    /** @param options the set-up's JVM options, the agent's last */
    private static List<Double> premainMillis(Container container, String cpus, List<String> options, int runs)
            throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(options.subList(0, options.size() - 1));
        timed.add("-javaagent:" + BenchFiles.HARNESS_JAR + "=start");
        timed.add(options.get(options.size() - 1));
        timed.add("-javaagent:" + BenchFiles.HARNESS_JAR + "=end");
        List<Double> premain = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (ServerJvm server = ServerJvm.start(container, "none", cpus, timed, 0).awaitListening()) {
                String line = server.lineContaining("PREMAIN-TIMER ");
                if (line == null) {
                    throw new IllegalStateException("no PREMAIN-TIMER line:\n" + server.output());
                }
                premain.add(Long.parseLong(line.substring(line.indexOf("PREMAIN-TIMER ") + 14).trim()) / 1000.0);
            }
        }
        return premain;
    }

    /** Milliseconds from the process start to the first 200 response, and the server's CPU time by then. */
    private static double[] firstRequestMillis(Container container, String cpus, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port = freePort();
        try (ServerJvm server = ServerJvm.start(container, "none", cpus, jvmOptions, port)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    Probe.Answer answer = Probe.send(port, "GET", Scenario.PATH, List.of(), 10_000);
                    if (answer.status() == 200) {
                        double wall = (System.nanoTime() - server.startNanos()) / 1e6;
                        return new double[] {wall, server.cpuMillis()};
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
