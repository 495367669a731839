package io.corsagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's {@code -Xlog:safepoint} (to a file, with wall-clock milliseconds): every pause, when it ended,
 * why, and how long all threads stood still, counted from the request to stop to the restart.
 */
final class SafepointLog {

    /**
     * e.g. {@code [1795786167727ms] Safepoint "RedefineClasses", Time since last: 143331495 ns, Reaching safepoint:
     * 4687 ns, Cleanup: 152647 ns, At safepoint: 11655577 ns, Total: 11812911 ns}
     */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\] Safepoint \"(\\w+)\".*Reaching safepoint:"
            + " (\\d+) ns.*Total: (\\d+) ns");

    /**
     * @param millis         all threads stopped, from the request to stop to the restart
     * @param reachingMillis of which waiting for the last thread to stop: on a busy CPU, the scheduler's share
     */
    record Pause(long endMillis, String operation, double millis, double reachingMillis) {
    }

    private final Path file;

    SafepointLog(Path file) {
        this.file = file;
    }

    /** The JVM option that writes this log. */
    String option() {
        return "-Xlog:safepoint:file=" + file + ":timemillis";
    }

    /** The pauses that ended between the two wall-clock instants (epoch milliseconds). */
    List<Pause> between(long fromMillis, long toMillis) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                long end = Long.parseLong(matcher.group(1));
                if (end >= fromMillis && end <= toMillis) {
                    pauses.add(new Pause(end, matcher.group(2), Long.parseLong(matcher.group(4)) / 1e6,
                            Long.parseLong(matcher.group(3)) / 1e6));
                }
            }
        }
        return pauses;
    }

    static double longest(List<Pause> pauses) {
        return pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
    }

    static double total(List<Pause> pauses, String operation) {
        return pauses.stream().filter(p -> p.operation().equals(operation)).mapToDouble(Pause::millis).sum();
    }

    /** Of {@link #total}, the time spent waiting for the threads to stop. */
    static double reaching(List<Pause> pauses, String operation) {
        return pauses.stream().filter(p -> p.operation().equals(operation)).mapToDouble(Pause::reachingMillis).sum();
    }
}
