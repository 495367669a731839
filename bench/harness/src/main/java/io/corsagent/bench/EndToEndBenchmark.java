package io.corsagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark: for each round and each container, a fresh server JVM per set-up pinned to the server
 * CPUs, each checked (what it answers to every scenario) and warmed up (every scenario, repeated until the JIT
 * compilers are nearly idle); then, scenario by scenario, wrk runs (pinned to the client CPUs) on every set-up in
 * turn. Ratios are taken between runs of the same turn and summarised by their median and range.
 *
 * <p>{@code --repeats N} measures every scenario N times per round (N turns).
 * <p>{@code --agent-jars a.jar,b.jar} measures several builds of the agent side by side in the same rounds (before
 * and after a change); {@code --setups "no agent,agent enforce"} keeps only the set-ups whose names start with one
 * of those; {@code --scenarios NOT_CORS_GET,CORS_GET} only those scenarios.
 */
public final class EndToEndBenchmark {

    private final Options options;
    private final Wrk wrk;
    private final String serverCpus;
    private final List<Path> agentJars = new ArrayList<>();
    /** Prefixes of the set-up names to measure; empty for all. */
    private final List<String> keptSetups = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();
    /** The warm-up is repeated until the compiler threads use at most this share of the JVM's CPU time in a pass. */
    private final double jitQuiet;
    private final int maxWarmupPasses;
    /** container → set-up → scenario → one result per round */
    private final Map<Container, Map<String, Map<Scenario, List<Wrk.Result>>>> results = new LinkedHashMap<>();
    /** container → set-up → scenario → server CPU microseconds per request, one per round */
    private final Map<Container, Map<String, Map<Scenario, List<Double>>>> cpuPerRequest = new LinkedHashMap<>();
    private final Map<Container, Map<String, Map<Scenario, String>>> answers = new LinkedHashMap<>();
    private final StringBuilder csv = new StringBuilder(
            "round,container,setup,scenario,requests_per_s,p50_us,p99_us,max_us,non2xx3xx,socket_errors,"
                    + "server_cpu_us_per_request,load1,warmup_passes,jit_cpu_share_last_warmup_pass,jit_ms_measured\n");

    private EndToEndBenchmark(Options options) {
        this.options = options;
        this.serverCpus = options.get("server-cpus", "0");
        this.wrk = new Wrk(options.get("wrk-cpus", "1"), options.getInt("wrk-threads", 1),
                options.getInt("connections", 16));
        for (String jar : options.get("agent-jars", BenchFiles.AGENT_JAR.toString()).split(",")) {
            agentJars.add(Path.of(jar).toAbsolutePath());
        }
        for (String setup : options.get("setups", "").split(",")) {
            if (!setup.isBlank()) {
                keptSetups.add(setup.trim());
            }
        }
        for (String scenario : options.get("scenarios", "NOT_CORS_GET,CORS_GET,PREFLIGHT_ALLOWED,PREFLIGHT_REFUSED")
                .split(",")) {
            scenarios.add(Scenario.valueOf(scenario.trim()));
        }
        this.jitQuiet = Double.parseDouble(options.get("jit-quiet", "0.01"));
        this.maxWarmupPasses = options.getInt("max-warmup-passes", 6);
    }

    /** Every set-up of the container, the agent ones per build, less those not asked for ("no agent" always stays). */
    private List<Setup> setups(Container container) {
        List<Setup> setups = new ArrayList<>();
        for (Setup setup : Setup.all(container, agentJars)) {
            boolean kept = keptSetups.isEmpty() || setup.name().equals(Setup.NO_AGENT);
            for (String prefix : keptSetups) {
                kept |= setup.name().startsWith(prefix);
            }
            if (kept) {
                setups.add(setup);
            }
        }
        return setups;
    }

    public static void main(String[] args) throws Exception {
        new EndToEndBenchmark(new Options(args)).run();
    }

    private void run() throws Exception {
        int rounds = options.getInt("rounds", 3);
        int seconds = options.getInt("seconds", 5);
        int warmup = options.getInt("warmup", 2);
        int repeats = options.getInt("repeats", 1);
        List<Container> containers = new ArrayList<>();
        for (String name : options.get("containers", "jetty12,tomcat11").split(",")) {
            containers.add(Container.named(name));
        }
        Report report = new Report("e2e", "End to end: throughput and p99 latency");
        report.line("Server JVM pinned with `taskset -c " + serverCpus + "` (" + String.join(" ", ServerJvm.OPTIONS)
                + "), wrk pinned with `taskset -c " + options.get("wrk-cpus", "1") + "` (" + options.getInt("wrk-threads", 1)
                + " thread, " + options.getInt("connections", 16) + " keep-alive connections). " + rounds
                + " rounds; per round and container a fresh server JVM per set-up, all started and warmed up before"
                + " any is measured: " + warmup + " s wrk warm-up per scenario, repeated (at most " + maxWarmupPasses
                + " passes) until the JIT compiler threads used at most " + Math.round(jitQuiet * 1000) / 10.0
                + "% of the JVM's CPU time in a pass. Then per scenario " + repeats + " × every set-up in turn, " + seconds
                + " s each (the set-ups' order rotated every turn, the scenarios' from round to round), so that the"
                + " set-ups compared are measured seconds apart.");
        if (agentJars.size() > 1) {
            List<String> builds = new ArrayList<>();
            for (Path jar : agentJars) {
                builds.add("`" + jar.getFileName() + "` (" + Files.size(jar) + " bytes)");
            }
            report.line("");
            report.line("Agent builds compared in the same rounds: " + String.join(", ", builds) + ".");
        }
        report.line("");
        for (int round = 0; round < rounds; round++) {
            for (Container container : containers) {
                List<Setup> setups = setups(container);
                Collections.rotate(setups, -(round % setups.size()));
                measureRound(round, container, setups, seconds, warmup, repeats);
            }
        }
        for (Container container : containers) {
            summarise(report, container);
        }
        Files.writeString(report.file(".csv"), csv.toString(), StandardCharsets.UTF_8);
        report.line("Raw figures: `" + BenchFiles.ROOT.relativize(report.file(".csv")) + "`.");
        report.write();
    }

    /**
     * One round of one container: a fresh server JVM per set-up, all of them started, checked and warmed up first,
     * then measured in turns (each scenario: {@code --repeats} times every set-up, one wrk run each, the set-ups'
     * order rotated every time). The set-ups compared are thus measured seconds apart, not minutes: on a shared
     * machine, other load drifts over minutes, and it moved whole set-ups when each was measured in one block.
     * Only the JVM being measured serves requests; the others wait, idle.
     */
    private void measureRound(int round, Container container, List<Setup> setups, int seconds, int warmup, int repeats)
            throws Exception {
        Map<Setup, ServerJvm> servers = new LinkedHashMap<>();
        Map<Setup, Integer> warmupPasses = new LinkedHashMap<>();
        Map<Setup, Double> jitShares = new LinkedHashMap<>();
        try {
            for (Setup setup : setups) {
                System.out.printf(Locale.ROOT, "round %d %s %s (load %s)%n", round + 1, container.module, setup.name(),
                        Report.loadAverage());
                ServerJvm server = ServerJvm.start(container, setup.serverCors(), serverCpus,
                        setup.jvmOptions(BenchFiles.POLICY), 0);
                servers.put(setup, server);
                server.awaitListening(60_000);
                check(container, setup, server);
                JitIdleWarmUp warm = JitIdleWarmUp.run(server, wrk, scenarios, warmup, jitQuiet, maxWarmupPasses);
                int passes = warm.passes();
                double jitShare = warm.jitShare();
                warmupPasses.put(setup, passes);
                jitShares.put(setup, jitShare);
                System.out.printf(Locale.ROOT, "  warm-up: %d passes, JIT %.1f%% of the last%n", passes, jitShare * 100);
            }
            // Rotated as well, so that no scenario is always measured first.
            List<Scenario> measured = new ArrayList<>(scenarios);
            Collections.rotate(measured, -round);
            List<Setup> order = new ArrayList<>(setups);
            for (Scenario scenario : measured) {
                for (int repeat = 0; repeat < repeats; repeat++) {
                    for (Setup setup : order) {
                        measureRun(round, container, setup, servers.get(setup), scenario, seconds,
                                warmupPasses.get(setup), jitShares.get(setup));
                    }
                    Collections.rotate(order, 1);
                }
            }
        } finally {
            for (ServerJvm server : servers.values()) {
                server.close();
            }
        }
    }

    /** What the set-up answers to each scenario, recorded for the report (and checked, for the agent). */
    private void check(Container container, Setup setup, ServerJvm server) throws Exception {
        for (Scenario scenario : scenarios) {
            // Generous: the first request of a fresh Tomcat with the agent took over 5 s on one loaded CPU.
            Probe.Answer answer = Probe.send(server.port(), scenario.method, Scenario.PATH, scenario.headers, 30_000);
            checkAgentAnswer(setup, scenario, answer, server);
            answers.computeIfAbsent(container, c -> new LinkedHashMap<>())
                    .computeIfAbsent(setup.name(), s -> new LinkedHashMap<>())
                    .putIfAbsent(scenario, answer.summary());
        }
    }

    private void measureRun(int round, Container container, Setup setup, ServerJvm server, Scenario scenario,
                            int seconds, int warmupPasses, double jitShare) throws Exception {
        double cpuBefore = server.cpuMillisWithoutJit();
        double jitBefore = server.jitCpuMillis();
        Wrk.Result result = wrk.run(server.port(), scenario, seconds);
        double cpuMicros = (server.cpuMillisWithoutJit() - cpuBefore) * 1000.0 / result.requests();
        double jitMillis = server.jitCpuMillis() - jitBefore;
        cpuPerRequest.computeIfAbsent(container, c -> new LinkedHashMap<>())
                .computeIfAbsent(setup.name(), s -> new LinkedHashMap<>())
                .computeIfAbsent(scenario, s -> new ArrayList<>())
                .add(cpuMicros);
        results.computeIfAbsent(container, c -> new LinkedHashMap<>())
                .computeIfAbsent(setup.name(), s -> new LinkedHashMap<>())
                .computeIfAbsent(scenario, s -> new ArrayList<>())
                .add(result);
        csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%.1f,%d,%d,%d,%d,%d,%.2f,%s,%d,%.4f,%.0f%n", round + 1,
                container.module, setup.name(), scenario.name(), result.throughput(), result.p50Micros(),
                result.p99Micros(), result.maxMicros(), result.non2xx3xx(), result.socketErrors(), cpuMicros,
                Report.loadAverage().split(" ")[0], warmupPasses, jitShare, jitMillis));
        System.out.printf(Locale.ROOT, "  %-18s %-40s %9.0f req/s  p99 %6d us  %6.1f us CPU/request  JIT %4.0f ms%n",
                scenario.title, setup.name(), result.throughput(), result.p99Micros(), cpuMicros, jitMillis);
    }

    /** The agent must really be in the path: an enforce JVM that does not answer as the policy says is a bad run. */
    private static void checkAgentAnswer(Setup setup, Scenario scenario, Probe.Answer answer, ServerJvm server) {
        if (!"enforce".equals(setup.agentMode())) {
            return;
        }
        boolean ok = switch (scenario) {
            case NOT_CORS_GET -> answer.status() == 200 && answer.header("Access-Control-Allow-Origin") == null;
            case CORS_GET -> answer.status() == 200
                    && "https://app.example.com".equals(answer.header("Access-Control-Allow-Origin"));
            case PREFLIGHT_ALLOWED -> answer.status() == 204
                    && "https://app.example.com".equals(answer.header("Access-Control-Allow-Origin"));
            case PREFLIGHT_REFUSED -> answer.status() == 403 && answer.header("Access-Control-Allow-Origin") == null;
        };
        if (!ok) {
            throw new IllegalStateException("the agent does not enforce the bench policy: " + scenario + " got "
                    + answer.summary() + "\nserver output:\n" + server.output());
        }
    }

    private void summarise(Report report, Container container) {
        Map<String, Map<Scenario, List<Wrk.Result>>> bySetup = results.get(container);
        List<String> ownCors = new ArrayList<>();
        for (String own : container.ownCors) {
            if (bySetup.containsKey(container.ownCorsTitle(own))) {
                ownCors.add(container.ownCorsTitle(own));
            }
        }
        report.line("### " + container.title);
        report.line("");
        Map<String, Map<Scenario, List<Double>>> cpuBySetup = cpuPerRequest.get(container);
        StringBuilder header = new StringBuilder("| scenario | set-up | req/s | p99 ms | server CPU µs/request"
                + " | req/s vs no agent");
        StringBuilder rule = new StringBuilder("| --- | --- | --- | --- | --- | ---");
        for (String own : ownCors) {
            header.append(" | req/s vs ").append(own);
            rule.append(" | ---");
        }
        report.line(header + " | p99 vs no agent | CPU/request vs no agent |");
        report.line(rule + " | --- | --- |");
        for (Scenario scenario : scenarios) {
            List<Wrk.Result> baseline = bySetup.get(Setup.NO_AGENT).get(scenario);
            for (Map.Entry<String, Map<Scenario, List<Wrk.Result>>> entry : bySetup.entrySet()) {
                List<Wrk.Result> runs = entry.getValue().get(scenario);
                StringBuilder row = new StringBuilder("| ").append(scenario.title).append(" | ").append(entry.getKey())
                        .append(" | ").append(Stats.of(map(runs, Wrk.Result::throughput)).format("%,.0f"))
                        .append(" | ").append(Stats.of(map(runs, r -> r.p99Micros() / 1000.0)).format("%.2f"))
                        .append(" | ").append(Stats.of(cpuBySetup.get(entry.getKey()).get(scenario)).format("%.1f"))
                        .append(" | ").append(ratio(runs, baseline, Wrk.Result::throughput));
                for (String own : ownCors) {
                    row.append(" | ").append(own.equals(entry.getKey()) ? "1"
                            : ratio(runs, bySetup.get(own).get(scenario), Wrk.Result::throughput));
                }
                row.append(" | ").append(ratio(runs, baseline, r -> (double) r.p99Micros()))
                        .append(" | ").append(cpuRatio(cpuBySetup.get(entry.getKey()).get(scenario),
                                cpuBySetup.get(Setup.NO_AGENT).get(scenario), entry.getKey().equals(Setup.NO_AGENT)))
                        .append(" |");
                report.line(row.toString());
            }
        }
        report.line("");
        report.line("Spread: median (min–max) over the measured runs (rounds × repeats); a ratio is taken between the"
                + " runs of one turn (seconds apart), then summarised."
                + " Server CPU µs/request: the server JVM's CPU time during the measured run (every thread but the JIT"
                + " compiler threads, from /proc/<pid>/task/*/stat) divided by the requests served; it depends far"
                + " less on the other load than throughput does.");
        report.line("");
        report.line("What each set-up answers (status; CORS headers), checked on every JVM before the load:");
        report.line("");
        StringBuilder header2 = new StringBuilder("| set-up");
        StringBuilder rule2 = new StringBuilder("| ---");
        for (Scenario scenario : scenarios) {
            header2.append(" | ").append(scenario.title);
            rule2.append(" | ---");
        }
        report.line(header2 + " |");
        report.line(rule2 + " |");
        for (Map.Entry<String, Map<Scenario, String>> entry : answers.get(container).entrySet()) {
            StringBuilder row = new StringBuilder("| ").append(entry.getKey());
            for (Scenario scenario : scenarios) {
                row.append(" | ").append(entry.getValue().get(scenario).replace("|", "\\|"));
            }
            report.line(row + " |");
        }
        report.line("");
    }

    private static String ratio(List<Wrk.Result> runs, List<Wrk.Result> reference,
                                java.util.function.ToDoubleFunction<Wrk.Result> figure) {
        if (runs == reference) {
            return "1";
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(runs.size(), reference.size()); i++) {
            ratios.add(figure.applyAsDouble(runs.get(i)) / figure.applyAsDouble(reference.get(i)));
        }
        return Stats.of(ratios).format("%.3f");
    }

    private static String cpuRatio(List<Double> cpu, List<Double> reference, boolean same) {
        if (same) {
            return "1";
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(cpu.size(), reference.size()); i++) {
            ratios.add(cpu.get(i) / reference.get(i));
        }
        return Stats.of(ratios).format("%.3f");
    }

    private static List<Double> map(List<Wrk.Result> runs, java.util.function.ToDoubleFunction<Wrk.Result> figure) {
        List<Double> values = new ArrayList<>();
        for (Wrk.Result run : runs) {
            values.add(figure.applyAsDouble(run));
        }
        return values;
    }
}
