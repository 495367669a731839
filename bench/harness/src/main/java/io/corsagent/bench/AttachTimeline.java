package io.corsagent.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The marks that {@code -Dcors-agent.timeline} makes the attach command (side {@code cli}) and the agent in the
 * target (side {@code agent}) print, as {@code cors-agent timeline <epoch seconds.micros> <side> <mark>}, and the
 * phases of an attach between them. Both JVMs print wall-clock time, so one time line holds both.
 */
final class AttachTimeline {

    static final String PROPERTY = "-Dcors-agent.timeline";
    private static final String PREFIX = "cors-agent timeline ";

    /**
     * A phase: from one mark to the next one that matters; {@code null} ends at the CLI's exit. A detail lies within
     * or alongside the phases and is not part of their sum.
     */
    record Phase(String label, String from, String to, boolean detail) {
        Phase(String label, String from, String to) {
            this(label, from, to, false);
        }
    }

    /** In time order; the phases (not the details) follow each other and add up to the CLI's run time. */
    static final List<Phase> PHASES = List.of(
            new Phase("CLI JVM start, launcher (bundle, class loader)", "cli spawn", "cli core loaded"),
            new Phase("CLI: commands, arguments, finding the JVM, VirtualMachine.attach", "cli core loaded",
                    "cli attached"),
            new Phase("… of which finding the JVM (from core loaded)", "cli core loaded", "cli JVM found", true),
            new Phase("… of which VirtualMachine.attach", "cli JVM found", "cli attached", true),
            new Phase("… alongside: policy validation (from core loaded)", "cli core loaded",
                    "cli policy validated", true),
            new Phase("CLI: reading the target's properties", "cli attached", "cli properties read"),
            new Phase("loadAgent → agentmain (launcher in the target)", "cli properties read",
                    "agent agentmain started"),
            new Phase("agentmain: policy load", "agent agentmain started", "agent policy loaded"),
            new Phase("agentmain: log set-up", "agent policy loaded", "agent log configured"),
            new Phase("agentmain: hooks (instrumentation, retransformation)", "agent log configured",
                    "agent hooks installed"),
            new Phase("agentmain: policy activation (engine in the bridge)", "agent hooks installed",
                    "agent policy in effect"),
            new Phase("agentmain: log line, status, return → loadAgent returns", "agent policy in effect",
                    "cli agent loaded"),
            new Phase("CLI: reading the confirmation", "cli agent loaded", "cli confirmed"),
            new Phase("CLI: output, exit", "cli confirmed", null),
            new Phase("CLI start → policy in effect in the target", "cli spawn", "agent policy in effect", true));

    private final Map<String, Double> marks = new HashMap<>();
    private final double exitSeconds;

    /**
     * @param spawnSeconds when the harness started the CLI, epoch seconds
     * @param exitSeconds  when the harness saw it exit
     * @param outputs      the CLI's output and the server's, which hold the marks
     */
    AttachTimeline(double spawnSeconds, double exitSeconds, String... outputs) {
        this.exitSeconds = exitSeconds;
        marks.put("cli spawn", spawnSeconds);
        for (String output : outputs) {
            for (String line : output.split("\n")) {
                int at = line.indexOf(PREFIX);
                if (at < 0) {
                    continue;
                }
                String[] parts = line.substring(at + PREFIX.length()).split(" ", 2);
                marks.putIfAbsent(parts[1].trim(), Double.parseDouble(parts[0]));
            }
        }
    }

    /** @return the phase's length in milliseconds; fails when a mark is missing (an agent built without them) */
    double millis(Phase phase) {
        double to = phase.to() == null ? exitSeconds : mark(phase.to());
        return (to - mark(phase.from())) * 1000;
    }

    private double mark(String name) {
        Double seconds = marks.get(name);
        if (seconds == null) {
            throw new IllegalStateException("no timeline mark '" + name + "' (marks: " + marks.keySet() + ")");
        }
        return seconds;
    }
}
