package io.corsagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The measured runs of one or more end-to-end benchmarks, and the ratios between set-ups taken within a turn: one
 * wrk run per set-up and scenario, seconds apart on the same machine. Pooling several benchmarks' CSV files pools
 * their turns (a turn never pairs runs of two files).
 */
final class EndToEndRuns {

    static final String CSV_HEADER = "round,container,setup,scenario,requests_per_s,p50_us,p99_us,max_us,non2xx3xx,"
            + "socket_errors,server_cpu_us_per_request,load1,warmup_passes,jit_cpu_share_last_warmup_pass,"
            + "jit_ms_measured,turn";

    /**
     * One wrk run.
     *
     * @param source the file (or this run's name) it comes from: turns pair runs of one source only
     * @param round  the round within the source: the set-ups' JVMs it was measured in
     * @param turn   the turn within the source: every set-up measured once per scenario, seconds apart
     */
    record Run(String source, int round, int turn, String container, String setup, Scenario scenario,
               double throughput, double p99Micros, double cpuMicros) {
    }

    private final List<Run> runs = new ArrayList<>();

    void add(Run run) {
        runs.add(run);
    }

    /** Adds every run of an end-to-end CSV; files written before the turn column count a round as a turn. */
    void read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> columns = Arrays.asList(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            int turnColumn = columns.indexOf("turn");
            int turn = Integer.parseInt(cells[turnColumn >= 0 ? turnColumn : columns.indexOf("round")]);
            runs.add(new Run(csv.getFileName().toString(), Integer.parseInt(cells[columns.indexOf("round")]), turn,
                    cells[columns.indexOf("container")],
                    cells[columns.indexOf("setup")], Scenario.valueOf(cells[columns.indexOf("scenario")]),
                    Double.parseDouble(cells[columns.indexOf("requests_per_s")]),
                    Double.parseDouble(cells[columns.indexOf("p99_us")]),
                    Double.parseDouble(cells[columns.indexOf("server_cpu_us_per_request")])));
        }
    }

    /**
     * The runs of each round's last turn only: the round's JVMs at their steadiest, the first turn after the warm-up
     * still carrying JIT compilation (more in the agent's JVMs). One ratio per round: rounds of fresh JVMs sample the
     * spread between JVMs, which turns within one round do not.
     */
    EndToEndRuns lastTurns() {
        Map<List<Object>, Integer> last = new HashMap<>();
        for (Run run : runs) {
            last.merge(List.of(run.source(), run.container(), run.round()), run.turn(), Math::max);
        }
        EndToEndRuns kept = new EndToEndRuns();
        for (Run run : runs) {
            if (run.turn() == last.get(List.of(run.source(), run.container(), run.round()))) {
                kept.add(run);
            }
        }
        return kept;
    }

    /** The runs of those containers only. */
    EndToEndRuns of(List<String> containers) {
        EndToEndRuns kept = new EndToEndRuns();
        runs.stream().filter(run -> containers.contains(run.container())).forEach(kept::add);
        return kept;
    }

    /** The containers measured, in the order first measured. */
    List<String> containers() {
        Set<String> containers = new LinkedHashSet<>();
        runs.forEach(run -> containers.add(run.container()));
        return new ArrayList<>(containers);
    }

    /** The set-ups measured on a container, in the order first measured. */
    List<String> setups(String container) {
        Set<String> setups = new LinkedHashSet<>();
        for (Run run : runs) {
            if (run.container().equals(container)) {
                setups.add(run.setup());
            }
        }
        return new ArrayList<>(setups);
    }

    boolean has(String container, String setup, Scenario scenario) {
        return runs.stream().anyMatch(run -> run.container().equals(container) && run.setup().equals(setup)
                && run.scenario() == scenario);
    }

    /** A figure of one set-up's runs. */
    Stats figure(String container, String setup, Scenario scenario, ToDoubleFunction<Run> figure) {
        List<Double> values = new ArrayList<>();
        for (Run run : runs) {
            if (run.container().equals(container) && run.setup().equals(setup) && run.scenario() == scenario) {
                values.add(figure.applyAsDouble(run));
            }
        }
        return Stats.of(values);
    }

    /**
     * A figure of {@code setup} divided by the same figure of {@code reference}, per turn in which both were
     * measured (when a turn measured a set-up more than once, the n-th run of one pairs with the n-th of the other).
     */
    Stats ratio(String container, String setup, String reference, Scenario scenario, ToDoubleFunction<Run> figure) {
        Map<List<Object>, List<Run>> ofSetup = byTurn(container, setup, scenario);
        Map<List<Object>, List<Run>> ofReference = byTurn(container, reference, scenario);
        List<Double> ratios = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Run>> turn : ofSetup.entrySet()) {
            List<Run> references = ofReference.get(turn.getKey());
            for (int i = 0; references != null && i < Math.min(turn.getValue().size(), references.size()); i++) {
                ratios.add(figure.applyAsDouble(turn.getValue().get(i)) / figure.applyAsDouble(references.get(i)));
            }
        }
        return Stats.of(ratios);
    }

    private Map<List<Object>, List<Run>> byTurn(String container, String setup, Scenario scenario) {
        Map<List<Object>, List<Run>> turns = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.container().equals(container) && run.setup().equals(setup) && run.scenario() == scenario) {
                turns.computeIfAbsent(List.of(run.source(), run.turn()), k -> new ArrayList<>()).add(run);
            }
        }
        return turns;
    }

    /** The set-up a set-up's ratios against "no agent" refer to: no agent and no CORS handling, the same chain. */
    static String baselineOf(String setup) {
        int chain = setup.indexOf(Setup.CHAIN);
        return chain < 0 ? Setup.NO_AGENT : Setup.NO_AGENT + setup.substring(chain);
    }

    /** A ratio as {@code median (min–max, n)}, or a dash when nothing pairs. */
    static String format(Stats ratio) {
        if (ratio.count() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f, %d)", ratio.median(), ratio.min(), ratio.max(),
                ratio.count());
    }

    /** A ratio against a target as {@code median (low–high, n) verdict} ({@link Stats#verdict}). */
    static String format(Stats ratio, double target, boolean atLeast) {
        if (ratio.count() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f, %d) %s", ratio.median(), ratio.low(), ratio.high(),
                ratio.count(), ratio.verdict(target, atLeast));
    }

    static String csvLine(int round, String container, String setup, Scenario scenario, Wrk.Result result,
                          double cpuMicros, String load1, int warmupPasses, double jitShare, double jitMillis,
                          int turn) {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%.1f,%d,%d,%d,%d,%d,%.2f,%s,%d,%.4f,%.0f,%d%n", round,
                container, setup, scenario.name(), result.throughput(), result.p50Micros(), result.p99Micros(),
                result.maxMicros(), result.non2xx3xx(), result.socketErrors(), cpuMicros, load1, warmupPasses,
                jitShare, jitMillis, turn);
    }
}
