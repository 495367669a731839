package io.corsagent.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retained memory: a Jetty server without the agent, with the agent enforcing and with the agent auditing
 * {@code memory-policy.properties}; after a warm-up, a live heap histogram (full GC), then at least
 * {@code --requests} requests each with a fresh random origin (bench/wrk/random-origins.lua), then a histogram
 * again. The agent's own objects are the classes under {@code io.corsagent}; strings or arrays it kept would show
 * as growth of the whole live heap, which the no-agent run gives the container's own noise for.
 */
public final class MemoryBenchmark {

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        long requests = Long.parseLong(options.get("requests", "1000000"));
        int warmup = options.getInt("warmup", 15);
        Container container = Container.named(options.get("container", "jetty12"));
        Wrk wrk = new Wrk(options.get("wrk-cpus", "1"), 1, options.getInt("connections", 16));
        String cpus = options.get("server-cpus", "0");
        Report report = new Report("memory", "Memory: heap retained after " + String.format(Locale.ROOT, "%,d", requests)
                + " requests with random origins");
        report.line(container.title + ", server `taskset -c " + cpus + "` (" + String.join(" ", ServerJvm.OPTIONS)
                + "), wrk `taskset -c " + options.get("wrk-cpus", "1") + "` with `bench/wrk/random-origins.lua` (a"
                + " quarter each: GET from a random allowed subdomain, GET from a random foreign origin, preflight from a"
                + " random allowed subdomain asking for a random header, preflight from a random foreign origin and"
                + " port). " + warmup + " s of the same load first; then `jcmd GC.class_histogram` (live objects,"
                + " after a full GC) before and after the counted requests.");
        report.line("");
        report.line("| set-up | requests | live heap before | live heap after | delta | io.corsagent objects before → after"
                + " | classes that grew most | largest extra classes vs no agent (before) |");
        report.line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        Jcmd.Histogram noAgent = null;
        List<Setup> setups = List.of(new Setup(Setup.NO_AGENT, null, "none"), new Setup(Setup.ENFORCE, "enforce", "none"),
                new Setup(Setup.AUDIT, "audit", "none"));
        for (Setup setup : setups) {
            try (ServerJvm server = ServerJvm.start(container, "none", cpus, setup.jvmOptions(BenchFiles.MEMORY_POLICY), 0)
                    .awaitListening()) {
                wrk.runRandomOrigins(server.port(), warmup);
                Jcmd.Histogram before = Jcmd.liveHistogram(server.pid());
                long sent = 0;
                while (sent < requests) {
                    sent += wrk.runRandomOrigins(server.port(), 20).requests();
                    System.out.printf(Locale.ROOT, "%s: %,d requests%n", setup.name(), sent);
                }
                Jcmd.Histogram after = Jcmd.liveHistogram(server.pid());
                long[] agentBefore = before.sum("io.corsagent.");
                long[] agentAfter = after.sum("io.corsagent.");
                if (noAgent == null) {
                    noAgent = before;
                }
                report.line(String.format(Locale.ROOT, "| %s | %,d | %.2f MB | %.2f MB | %+.1f KB | %,d (%,d B) → %,d (%,d B) | %s | %s |",
                        setup.name(), sent, before.totalBytes() / 1e6, after.totalBytes() / 1e6,
                        (after.totalBytes() - before.totalBytes()) / 1e3, agentBefore[0], agentBefore[1], agentAfter[0],
                        agentAfter[1], growth(before, after, 3), setup.agentMode() == null ? "" : growth(noAgent, before, 5)));
                System.out.println(setup.name() + ", after: " + Jcmd.run(server.pid(), "GC.heap_info"));
            }
        }
        report.line("");
        report.line("Live heap = the histogram's total after jcmd's full GC. Growth is listed per class as bytes"
                + " (instances).");
        report.write();
    }

    /** The {@code count} classes whose live bytes grew most from one histogram to the other. */
    private static String growth(Jcmd.Histogram before, Jcmd.Histogram after, int count) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.byClass().forEach((name, figures) -> {
            long[] old = before.byClass().getOrDefault(name, new long[2]);
            grown.add(Map.entry(name, new long[] {figures[0] - old[0], figures[1] - old[1]}));
        });
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(count, grown.size()); i++) {
            Map.Entry<String, long[]> e = grown.get(i);
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "`%s` %+,d B (%+,d)", e.getKey(),
                    e.getValue()[1], e.getValue()[0]));
        }
        return text.toString();
    }
}
