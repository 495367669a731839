package io.corsagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a bench server's CPU goes per request: async-profiler ({@code event=cpu}, 1 ms of CPU time per sample,
 * kernel frames included) on a server JVM under wrk, after a warm-up until the JIT is idle, loaded into the running
 * JVM with {@code jcmd JVMTI.agent_load} for the measured run only. Writes the collapsed stacks and a report that
 * gives, per request, the time under the frames that tell the agent's cost: its own code ({@code io.corsagent.*}
 * but the test app: all of it, then by package), the hooked container methods, the compiler threads and the kernel.
 *
 * <p>Options: {@code --container jetty12} (any line), {@code --filters 10} (pass-through filters), {@code --agent-jars a.jar,b.jar} (one profile each, plus one
 * without the agent), {@code --mode enforce}, {@code --scenario NOT_CORS_GET}, {@code --warmup 5},
 * {@code --seconds 20}, {@code --at-once true} (every set-up profiled in the same seconds, sharing the server CPU);
 * {@code -Dbench.async.profiler=libasyncProfiler.so} (bench/profile-requests.sh fetches it).
 */
public final class RequestProfiler {

    /** Frames whose inclusive time per request the report gives. */
    private static final List<String> FRAMES = List.of("io/corsagent/", "io/corsagent/bridge/", "io/corsagent/cors/",
            "io/corsagent/audit/", "org/eclipse/jetty/server/Server.handle",
            "HttpChannelState$ChannelResponse.lockedPrepareResponse", "org/apache/catalina/connector/CoyoteAdapter.postParseRequest",
            "org/apache/coyote/AbstractProcessor.action", "ServletInitialHandler.handleFirstRequest",
            "HttpServerExchange.getResponseChannel", "getAttribute", "setAttribute", "CompileBroker", "_[k]");

    private RequestProfiler() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Container container = Container.named(options.get("container", "jetty12"));
        Scenario scenario = Scenario.valueOf(options.get("scenario", "NOT_CORS_GET"));
        int seconds = options.getInt("seconds", 20);
        String library = System.getProperty("bench.async.profiler");
        if (library == null || !Files.isReadable(Path.of(library))) {
            throw new IllegalStateException("-Dbench.async.profiler=<libasyncProfiler.so> (bench/profile-requests.sh)");
        }
        int filters = options.getInt("filters", 0);
        Map<String, Setup> setups = new LinkedHashMap<>();
        setups.put(Setup.NO_AGENT, new Setup(Setup.NO_AGENT, null, Setup.NONE, BenchFiles.AGENT_JAR, filters));
        String mode = options.get("mode", "enforce");
        for (String jar : options.get("agent-jars", BenchFiles.AGENT_JAR.toString()).split(",")) {
            Path path = Path.of(jar).toAbsolutePath();
            String name = "agent " + mode + " (" + path.getFileName() + ")";
            setups.put(name, new Setup(name, mode, Setup.NONE, path, filters));
        }
        Wrk wrk = new Wrk(options.get("wrk-cpus", "1"), 1, options.getInt("connections", 16));
        boolean atOnce = options.flag("at-once");
        Report report = new Report("profile", "Where the server's CPU goes per request (async-profiler)");
        report.line(container.title + ", " + scenario.title + (filters == 0 ? "" : ", " + filters
                + " pass-through filters ahead of the servlet") + ": server `taskset -c 0`, wrk `taskset -c 1` (16"
                + " connections); per set-up a fresh JVM warmed up until its JIT is idle, then async-profiler (cpu, 1 ms)"
                + " for one " + seconds + " s wrk run" + (atOnce
                ? ", every set-up's in the same seconds (their JVMs sharing the server CPU)" : "") + ". Time per"
                + " request under a frame (inclusive; samples × 1 ms ÷ requests); `_[k]` is kernel time.");
        report.line("");
        StringBuilder header = new StringBuilder("| frame");
        StringBuilder rule = new StringBuilder("| ---");
        Map<String, Path> stacks = new LinkedHashMap<>();
        for (String setup : setups.keySet()) {
            stacks.put(setup, report.file("-" + stacks.size() + ".collapsed"));
        }
        Map<String, Long> requests = atOnce
                ? profileAtOnce(container, setups, scenario, wrk, library, seconds, stacks)
                : profileInTurn(container, setups, scenario, wrk, library, seconds, stacks);
        Map<String, Map<String, Double>> perSetup = new LinkedHashMap<>();
        for (String setup : setups.keySet()) {
            perSetup.put(setup, microsPerRequest(stacks.get(setup), requests.get(setup)));
            header.append(" | ").append(setup).append(", µs/request");
            rule.append(" | ---");
            report.line("- " + setup + ": " + requests.get(setup) + " requests, stacks in `"
                    + BenchFiles.ROOT.relativize(stacks.get(setup)) + "`");
        }
        report.line("");
        report.line(header + " |");
        report.line(rule + " |");
        for (String frame : total(FRAMES)) {
            StringBuilder row = new StringBuilder("| `").append(frame).append('`');
            for (Map<String, Double> micros : perSetup.values()) {
                row.append(String.format(Locale.ROOT, " | %.2f", micros.getOrDefault(frame, 0.0)));
            }
            report.line(row + " |");
        }
        report.line("");
        report.write();
    }

    private static List<String> total(List<String> frames) {
        List<String> all = new ArrayList<>();
        all.add("(all)");
        all.addAll(frames);
        return all;
    }

    /** One set-up after the other: a JVM started, warmed up, profiled under load and stopped. */
    private static Map<String, Long> profileInTurn(Container container, Map<String, Setup> setups, Scenario scenario,
                                                   Wrk wrk, String library, int seconds, Map<String, Path> stacks)
            throws Exception {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (Map.Entry<String, Setup> setup : setups.entrySet()) {
            try (ServerJvm server = warmServer(container, setup.getValue(), scenario, wrk)) {
                startProfiler(server, library);
                Wrk.Result result = wrk.run(server.port(), scenario, seconds);
                requests.put(setup.getKey(), stopProfiler(server, library, stacks.get(setup.getKey()), result));
            }
        }
        return requests;
    }

    /**
     * Every set-up's JVM started and warmed up first, then all profiled under load in the same seconds, sharing the
     * server CPU (as {@code bench/e2e.sh --at-once true} measures them), so that the profiles compare like the
     * end-to-end ratios do.
     */
    private static Map<String, Long> profileAtOnce(Container container, Map<String, Setup> setups, Scenario scenario,
                                                   Wrk wrk, String library, int seconds, Map<String, Path> stacks)
            throws Exception {
        Map<String, ServerJvm> servers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Setup> setup : setups.entrySet()) {
                servers.put(setup.getKey(), warmServer(container, setup.getValue(), scenario, wrk));
            }
            for (ServerJvm server : servers.values()) {
                startProfiler(server, library);
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            servers.forEach((setup, server) -> ports.put(setup, server.port()));
            Map<String, Long> requests = new LinkedHashMap<>();
            for (Map.Entry<String, Wrk.Result> result : wrk.runAtOnce(ports, scenario, seconds).entrySet()) {
                requests.put(result.getKey(), stopProfiler(servers.get(result.getKey()), library,
                        stacks.get(result.getKey()), result.getValue()));
            }
            return requests;
        } finally {
            for (ServerJvm server : servers.values()) {
                server.close();
            }
        }
    }

    private static ServerJvm warmServer(Container container, Setup setup, Scenario scenario, Wrk wrk)
            throws Exception {
        System.out.printf(Locale.ROOT, "%s %s (load %s)%n", container.module, setup.name(), Report.loadAverage());
        ServerJvm server = ServerJvm.start(container, setup.serverArguments(0), "0",
                setup.jvmOptions(BenchFiles.POLICY)).awaitListening();
        JitIdleWarmUp warm = JitIdleWarmUp.run(server, wrk, List.of(scenario), 5, 0.01, 12);
        System.out.printf(Locale.ROOT, "  warm-up: %d passes, JIT %.1f%% of the last%n", warm.passes(),
                warm.jitShare() * 100);
        return server;
    }

    private static void startProfiler(ServerJvm server, String library) throws Exception {
        // jcmd splits its arguments at '=', so the profiler's option string goes in quotes.
        Jcmd.run(server.pid(), "JVMTI.agent_load", library, "\"start,event=cpu,interval=1ms\"");
    }

    /** @return the requests wrk sent during the profiled run */
    private static long stopProfiler(ServerJvm server, String library, Path stacks, Wrk.Result result)
            throws Exception {
        Jcmd.run(server.pid(), "JVMTI.agent_load", library, "\"stop,collapsed,file=" + stacks + "\"");
        System.out.printf(Locale.ROOT, "  %,.0f req/s%n", result.throughput());
        return result.requests();
    }

    /** Inclusive time per request under each of {@link #FRAMES} (a frame counts once per stack), from 1 ms samples. */
    private static Map<String, Double> microsPerRequest(Path stacks, long requests) throws IOException {
        Map<String, Long> samples = new HashMap<>();
        for (String line : Files.readAllLines(stacks, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            long count = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            samples.merge("(all)", count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                for (String wanted : FRAMES) {
                    if (frame.contains(wanted) && !frame.contains("io/corsagent/testapp/")
                            && !frame.contains("io/corsagent/bench/") && seen.add(wanted)) {
                        samples.merge(wanted, count, Long::sum);
                    }
                }
            }
        }
        Map<String, Double> micros = new HashMap<>();
        samples.forEach((frame, count) -> micros.put(frame, count * 1000.0 / requests));
        return micros;
    }
}
