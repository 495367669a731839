package io.corsagent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end report's tables: the targets of the agent enforcing, every container in one table, then every
 * container's figures per scenario and set-up. Every ratio is taken within turns ({@link EndToEndRuns#ratio}).
 */
final class EndToEndSummary {

    private static final ToDoubleFunction<EndToEndRuns.Run> THROUGHPUT = EndToEndRuns.Run::throughput;
    private static final ToDoubleFunction<EndToEndRuns.Run> CPU = EndToEndRuns.Run::cpuMicros;
    private static final ToDoubleFunction<EndToEndRuns.Run> P99 = EndToEndRuns.Run::p99Micros;

    private final EndToEndRuns runs;
    private final List<Scenario> scenarios;
    private final Map<String, String> versions;
    private final boolean verdicts;

    /**
     * @param versions container module → what its servers printed as their version (absent when pooled)
     * @param verdicts whether the targets table says of each target whether it is met ({@link Stats#verdict}): for
     *                 one ratio per round of fresh JVMs
     */
    EndToEndSummary(EndToEndRuns runs, List<Scenario> scenarios, Map<String, String> versions, boolean verdicts) {
        this.runs = runs;
        this.scenarios = scenarios;
        this.versions = versions;
        this.verdicts = verdicts;
    }

    private String title(String container) {
        String version = versions.get(container);
        return Container.named(container).title + (version == null ? "" : " (" + version + ")");
    }

    /** One row per container and agent build: what the targets compare, median (range, turns). */
    void targets(Report report) {
        report.line("### Against the targets (agent enforce)");
        report.line("");
        report.line("| container | non-CORS GET req/s ÷ no agent (≥ 0.98) | its CPU/request × (≤ 1.02)"
                + " | allowed CORS GET ÷ no agent (≥ 0.95) | ÷ app writing the fields | its CPU/request × (≤ 1.05)"
                + " | CORS GET ÷ own CORS (≥ 1.0) | allowed preflight ÷ own | refused preflight ÷ own"
                + " | behind the chain: non-CORS ÷ | behind the chain: CORS GET ÷ |");
        report.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String container : runs.containers()) {
            for (String setup : runs.setups(container)) {
                if (!setup.startsWith(Setup.ENFORCE) || setup.contains(Setup.CHAIN)) {
                    continue;
                }
                String chained = chainedOf(container, setup);
                report.line("| " + title(container) + (setup.equals(Setup.ENFORCE) ? "" : ", " + setup)
                        + " | " + target(container, setup, Setup.NO_AGENT, Scenario.NOT_CORS_GET, THROUGHPUT, 0.98)
                        + " | " + target(container, setup, Setup.NO_AGENT, Scenario.NOT_CORS_GET, CPU, 1.02)
                        + " | " + target(container, setup, Setup.NO_AGENT, Scenario.CORS_GET, THROUGHPUT, 0.95)
                        + " | " + cell(container, setup, Setup.APP_FIELDS, Scenario.CORS_GET, THROUGHPUT)
                        + " | " + target(container, setup, Setup.NO_AGENT, Scenario.CORS_GET, CPU, 1.05)
                        + " | " + ownCells(container, setup, Scenario.CORS_GET)
                        + " | " + ownCells(container, setup, Scenario.PREFLIGHT_ALLOWED)
                        + " | " + ownCells(container, setup, Scenario.PREFLIGHT_REFUSED)
                        + " | " + (chained == null ? "–" : chainCell(container, chained, Scenario.NOT_CORS_GET))
                        + " | " + (chained == null ? "–" : chainCell(container, chained, Scenario.CORS_GET)) + " |");
            }
        }
        report.line("");
        report.line((verdicts ? "Each cell: median (interval, rounds) of the ratio taken in each round's last turn,"
                + " and the verdict on the target: met when the interval, which holds the median of such rounds with"
                + " at least 87% confidence, is all on the target's side, missed when all beyond it, open otherwise"
                : "Each cell: median (min–max, turns) of the ratio taken within each turn")
                + "; CPU/request is the server"
                + " JVM's CPU time per request, JIT compiler threads excluded. Own CORS: the container's own CORS"
                + " handling (Tomcat `CorsFilter`; Jetty `CrossOriginFilter`, and on Jetty 12 `CrossOriginHandler`)."
                + " Behind the chain: the agent ÷ no agent, both behind the same pass-through filters; compared with"
                + " the same ratio without the chain, it shows what the agent costs per filter.");
        report.line("");
    }

    /** The agent build's set-up behind the chain, if measured: the same name with the chain's suffix. */
    private String chainedOf(String container, String setup) {
        for (String other : runs.setups(container)) {
            if (other.startsWith(setup + Setup.CHAIN)) {
                return other;
            }
        }
        return null;
    }

    private String chainCell(String container, String chained, Scenario scenario) {
        return cell(container, chained, EndToEndRuns.baselineOf(chained), scenario, THROUGHPUT);
    }

    private String cell(String container, String setup, String reference, Scenario scenario,
                        ToDoubleFunction<EndToEndRuns.Run> figure) {
        return EndToEndRuns.format(runs.ratio(container, setup, reference, scenario, figure));
    }

    /** A cell with a target: a throughput ratio is to reach it, a CPU ratio to stay within it. */
    private String target(String container, String setup, String reference, Scenario scenario,
                          ToDoubleFunction<EndToEndRuns.Run> figure, double target) {
        Stats ratio = runs.ratio(container, setup, reference, scenario, figure);
        return verdicts ? EndToEndRuns.format(ratio, target, figure != CPU) : EndToEndRuns.format(ratio);
    }

    private String ownCells(String container, String setup, Scenario scenario) {
        List<String> cells = new ArrayList<>();
        for (Container.OwnCors own : Container.named(container).ownCors) {
            if (runs.has(container, own.title, scenario)) {
                cells.add(own.title.substring(own.title.indexOf(' ') + 1) + " "
                        + target(container, setup, own.title, scenario, THROUGHPUT, 1.0));
            }
        }
        return cells.isEmpty() ? "–" : String.join("; ", cells);
    }

    /** Every set-up's figures per scenario, with its ratios to the set-ups it is compared with. */
    void container(Report report, String container) {
        List<String> references = new ArrayList<>();
        references.add(Setup.APP_FIELDS);
        for (Container.OwnCors own : Container.named(container).ownCors) {
            references.add(own.title);
        }
        references.removeIf(reference -> runs.setups(container).stream().noneMatch(reference::equals));
        report.line("### " + title(container));
        report.line("");
        StringBuilder header = new StringBuilder("| scenario | set-up | req/s | p99 ms | server CPU µs/request"
                + " | req/s ÷ no agent | CPU/request ÷ no agent | p99 ÷ no agent");
        StringBuilder rule = new StringBuilder("| --- | --- | --- | --- | --- | --- | --- | ---");
        for (String reference : references) {
            header.append(" | req/s ÷ ").append(reference);
            rule.append(" | ---");
        }
        report.line(header + " |");
        report.line(rule + " |");
        for (Scenario scenario : scenarios) {
            for (String setup : runs.setups(container)) {
                if (!runs.has(container, setup, scenario)) {
                    continue;
                }
                String baseline = EndToEndRuns.baselineOf(setup);
                StringBuilder row = new StringBuilder("| ").append(scenario.title).append(" | ").append(setup)
                        .append(" | ").append(runs.figure(container, setup, scenario, THROUGHPUT).format("%,.0f"))
                        .append(" | ").append(runs.figure(container, setup, scenario, r -> r.p99Micros() / 1000)
                                .format("%.2f"))
                        .append(" | ").append(runs.figure(container, setup, scenario, CPU).format("%.1f"));
                for (ToDoubleFunction<EndToEndRuns.Run> figure : List.of(THROUGHPUT, CPU, P99)) {
                    row.append(" | ").append(setup.equals(baseline) ? "1"
                            : cell(container, setup, baseline, scenario, figure));
                }
                for (String reference : references) {
                    row.append(" | ").append(setup.equals(reference) ? "1" : setup.contains(Setup.CHAIN) ? "–"
                            : cell(container, setup, reference, scenario, THROUGHPUT));
                }
                report.line(row + " |");
            }
        }
        report.line("");
        report.line("Spread: median (min–max) over the measured runs; a ratio is median (min–max, turns) of the ratios"
                + " taken within each turn (runs seconds apart). Server CPU µs/request: the server JVM's CPU time"
                + " during the measured run (every thread but the JIT compiler threads, from /proc/<pid>/task/*/stat)"
                + " divided by the requests served; it depends far less on the other load than throughput does."
                + " \"÷ no agent\" compares with no agent behind the same chain of filters.");
        report.line("");
    }
}
