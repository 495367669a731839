package io.corsagent.bench;

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
 * <p>{@code --containers tomcat9,jetty12|all} the lines; {@code --repeats N} measures every scenario N times per
 * round (N turns); {@code --chain N} adds no agent and the agent enforcing behind N pass-through filters (0: none);
 * {@code --agent-jars a.jar,b.jar} measures several builds of the agent side by side in the same rounds (before
 * and after a change); {@code --setups "no agent,agent enforce"} keeps only the set-ups whose names start with one
 * of those (and the set-ups they are compared with); {@code --scenarios NOT_CORS_GET,CORS_GET} only those
 * scenarios. {@code --pool a.csv,b.csv} measures nothing: it summarises earlier runs' CSV files, their turns
 * pooled (of the {@code --containers} given, else of all).
 * {@code --turns last} summarises each round's last turn only, with a verdict on each target (docs/benchmarking.md).
 * {@code --at-once true} runs every set-up's wrk of a turn at the same time, the server JVMs sharing the server CPU
 * ({@link #measureAtOnce}).
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
    private final int chain;
    /** Whether every set-up's wrk of a turn runs at the same time ({@code --at-once}), not one after the other. */
    private final boolean atOnce;
    private final EndToEndRuns runs = new EndToEndRuns();
    /** container module → the container and version its servers print */
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<Scenario, String>>> answers = new LinkedHashMap<>();
    private final StringBuilder csv = new StringBuilder(EndToEndRuns.CSV_HEADER + "\n");

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
        this.chain = options.getInt("chain", 10);
        this.atOnce = options.flag("at-once");
    }

    /**
     * Every set-up of the container, the agent ones per build, less those not asked for; "no agent" and the
     * baseline of every set-up kept (no agent behind the same chain) always stay.
     */
    private List<Setup> setups(Container container) {
        List<Setup> all = Setup.all(container, agentJars, chain);
        List<String> kept = new ArrayList<>();
        for (Setup setup : all) {
            boolean keep = keptSetups.isEmpty() || setup.name().equals(Setup.NO_AGENT);
            for (String prefix : keptSetups) {
                keep |= setup.name().startsWith(prefix);
            }
            if (keep) {
                kept.add(setup.name());
                kept.add(EndToEndRuns.baselineOf(setup.name()));
            }
        }
        return all.stream().filter(setup -> kept.contains(setup.name())).toList();
    }

    public static void main(String[] args) throws Exception {
        new EndToEndBenchmark(new Options(args)).run();
    }

    private void run() throws Exception {
        String pool = options.get("pool", "");
        if (!pool.isEmpty()) {
            pool(pool.split(","));
            return;
        }
        int rounds = options.getInt("rounds", 3);
        int seconds = options.getInt("seconds", 5);
        int warmup = options.getInt("warmup", 2);
        int repeats = options.getInt("repeats", 1);
        List<Container> containers = Container.list(options.get("containers", "jetty12,tomcat11"));
        Report report = new Report("e2e", "End to end: throughput and p99 latency");
        report.line("Server JVM pinned with `taskset -c " + serverCpus + "` (" + String.join(" ", ServerJvm.OPTIONS)
                + "), wrk pinned with `taskset -c " + options.get("wrk-cpus", "1") + "` (" + options.getInt("wrk-threads", 1)
                + " thread, " + options.getInt("connections", 16) + " keep-alive connections). " + rounds
                + " rounds; per round and container a fresh server JVM per set-up, all started and warmed up before"
                + " any is measured: " + warmup + " s wrk warm-up per scenario, repeated (at most " + maxWarmupPasses
                + " passes) until the JIT compiler threads used at most " + Math.round(jitQuiet * 1000) / 10.0
                + "% of the JVM's CPU time in a pass. Then per scenario " + repeats + " × every set-up in turn, " + seconds
                + " s each (" + (atOnce ? "all set-ups at once, one wrk each, their JVMs sharing the server CPU"
                : "the set-ups' order rotated every turn") + "; the scenarios' order rotated from round to round), so"
                + " that the set-ups compared are measured " + (atOnce ? "in the same seconds." : "seconds apart."));
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
                List<Setup> setups = new ArrayList<>(setups(container));
                Collections.rotate(setups, -(round % setups.size()));
                measureRound(round, container, setups, seconds, warmup, repeats);
                // Kept as it grows: a long run stopped part-way still leaves its rounds to --pool.
                Files.writeString(report.file(".csv"), csv.toString(), StandardCharsets.UTF_8);
            }
        }
        String source = report.file(".csv").getFileName().toString();
        EndToEndSummary summary = summary(runs);
        summary.targets(report);
        for (Container container : containers) {
            summary.container(report, container.module);
            answers(report, container.module);
        }
        report.line("Raw figures: `bench/results/" + source + "`.");
        report.write();
    }

    /**
     * The summary of every turn, or with {@code --turns last} of each round's last turn, one ratio per round, with a
     * verdict on each target ({@link EndToEndRuns#lastTurns}).
     */
    private EndToEndSummary summary(EndToEndRuns summarised) {
        boolean lastTurns = options.get("turns", "all").equals("last");
        return new EndToEndSummary(lastTurns ? summarised.lastTurns() : summarised, scenarios, versions, lastTurns);
    }

    /** Summarises earlier runs' CSV files: the targets table and every container's, their turns pooled. */
    private void pool(String[] files) throws Exception {
        Report report = new Report("e2e-pooled", "End to end, pooled");
        List<String> names = new ArrayList<>();
        for (String file : files) {
            Path path = Path.of(file.trim());
            runs.read(path);
            names.add("`" + path.getFileName() + "`");
        }
        report.line("Runs of " + String.join(", ", names) + ", their turns pooled (a ratio pairs the runs of one turn"
                + " of one file).");
        report.line("");
        String containers = options.get("containers", "");
        EndToEndRuns pooled = containers.isEmpty() ? runs
                : runs.of(Container.list(containers).stream().map(container -> container.module).toList());
        EndToEndSummary summary = summary(pooled);
        summary.targets(report);
        for (String container : pooled.containers()) {
            summary.container(report, container);
        }
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
                ServerJvm server = ServerJvm.start(container, setup.serverArguments(0), serverCpus,
                        setup.jvmOptions(BenchFiles.POLICY));
                servers.put(setup, server);
                server.awaitListening();
                versions.putIfAbsent(container.module, server.containerVersion());
                check(container, setup, server);
                JitIdleWarmUp warm = JitIdleWarmUp.run(server, wrk, scenarios, warmup, jitQuiet, maxWarmupPasses);
                warmupPasses.put(setup, warm.passes());
                jitShares.put(setup, warm.jitShare());
                System.out.printf(Locale.ROOT, "  warm-up: %d passes, JIT %.1f%% of the last%n", warm.passes(),
                        warm.jitShare() * 100);
            }
            // Rotated as well, so that no scenario is always measured first.
            List<Scenario> measured = new ArrayList<>(scenarios);
            Collections.rotate(measured, -round);
            List<Setup> order = new ArrayList<>(setups);
            for (Scenario scenario : measured) {
                for (int repeat = 0; repeat < repeats; repeat++) {
                    int turn = round * repeats + repeat + 1;
                    if (atOnce) {
                        measureAtOnce(round, turn, container, servers, scenario, seconds, warmupPasses, jitShares);
                    } else {
                        for (Setup setup : order) {
                            measureRun(round, turn, container, setup, servers.get(setup), scenario, seconds,
                                    warmupPasses.get(setup), jitShares.get(setup));
                        }
                        Collections.rotate(order, 1);
                    }
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
            answers.computeIfAbsent(container.module, c -> new LinkedHashMap<>())
                    .computeIfAbsent(setup.name(), s -> new LinkedHashMap<>())
                    .putIfAbsent(scenario, answer.summary());
        }
    }

    /**
     * One turn with every set-up's wrk started at once: the server JVMs share the server CPU in the same seconds, so
     * whatever else slows that CPU down (other load, the host) slows them all alike, where runs one after the other
     * each meet it at a different moment.
     */
    private void measureAtOnce(int round, int turn, Container container, Map<Setup, ServerJvm> servers,
                               Scenario scenario, int seconds, Map<Setup, Integer> warmupPasses,
                               Map<Setup, Double> jitShares) throws Exception {
        Map<Setup, ThreadCpu> before = new LinkedHashMap<>();
        for (Map.Entry<Setup, ServerJvm> server : servers.entrySet()) {
            before.put(server.getKey(), server.getValue().threadCpu());
        }
        Map<Setup, Integer> ports = new LinkedHashMap<>();
        servers.forEach((setup, server) -> ports.put(setup, server.port()));
        Map<Setup, Wrk.Result> results = wrk.runAtOnce(ports, scenario, seconds);
        for (Map.Entry<Setup, Wrk.Result> result : results.entrySet()) {
            Setup setup = result.getKey();
            record(round, turn, container, setup, scenario, result.getValue(), servers.get(setup).threadCpu(),
                    before.get(setup), warmupPasses.get(setup), jitShares.get(setup));
        }
    }

    private void measureRun(int round, int turn, Container container, Setup setup, ServerJvm server,
                            Scenario scenario, int seconds, int warmupPasses, double jitShare) throws Exception {
        ThreadCpu before = server.threadCpu();
        Wrk.Result result = wrk.run(server.port(), scenario, seconds);
        ThreadCpu after = server.threadCpu();
        record(round, turn, container, setup, scenario, result, after, before, warmupPasses, jitShare);
    }

    private void record(int round, int turn, Container container, Setup setup, Scenario scenario, Wrk.Result result,
                        ThreadCpu after, ThreadCpu before, int warmupPasses, double jitShare) {
        double cpuMicros = after.servingMillisSince(before) * 1000.0 / result.requests();
        double jitMillis = after.jitMillisSince(before);
        runs.add(new EndToEndRuns.Run("this run", round + 1, turn, container.module, setup.name(), scenario,
                result.throughput(), result.p99Micros(), cpuMicros));
        csv.append(EndToEndRuns.csvLine(round + 1, container.module, setup.name(), scenario, result, cpuMicros,
                Report.loadAverage().split(" ")[0], warmupPasses, jitShare, jitMillis, turn));
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

    private void answers(Report report, String container) {
        report.line("What each set-up answers (status; CORS headers), checked on every JVM before the load:");
        report.line("");
        StringBuilder header = new StringBuilder("| set-up");
        StringBuilder rule = new StringBuilder("| ---");
        for (Scenario scenario : scenarios) {
            header.append(" | ").append(scenario.title);
            rule.append(" | ---");
        }
        report.line(header + " |");
        report.line(rule + " |");
        for (Map.Entry<String, Map<Scenario, String>> entry : answers.get(container).entrySet()) {
            StringBuilder row = new StringBuilder("| ").append(entry.getKey());
            for (Scenario scenario : scenarios) {
                row.append(" | ").append(entry.getValue().get(scenario).replace("|", "\\|"));
            }
            report.line(row + " |");
        }
        report.line("");
    }
}
