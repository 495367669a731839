package io.corsagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of each thread of a server JVM at one moment, the JIT compiler threads apart from the others. It is
 * the scheduler's own count of the time each thread ran, in nanoseconds ({@code /proc/<pid>/task/<tid>/schedstat}),
 * not utime + stime, which are kept in 10 ms clock ticks per thread: over a 2 s run, twenty request threads' time
 * each rounded to 10 ms.
 * <ul>
 *   <li>serving: every thread but the compilers (request threads, selectors, GC), the CPU time the JVM spends on
 *       the requests, which a run that still compiles would otherwise inflate, and more so with the agent's extra
 *       code;</li>
 *   <li>JIT: how much compiling a run still does. On the server's one CPU that time is taken from the request
 *       threads, and code not yet compiled serves requests slower, so a measurement is only steady once it is close
 *       to nothing.</li>
 * </ul>
 * Two samples are compared thread by thread, so that a thread ending in between (WildFly's boot pool threads end a
 * minute after the boot, idle) drops out of the difference, where a difference of sums would lose all the CPU time
 * it ever used; a thread started in between counts whole.
 *
 * @param jitNanos     thread id → nanoseconds run, the compiler threads
 * @param servingNanos thread id → nanoseconds run, every other thread
 */
record ThreadCpu(Map<Long, Long> jitNanos, Map<Long, Long> servingNanos) {

    static ThreadCpu sample(long pid) throws IOException {
        Map<Long, Long> jit = new HashMap<>();
        Map<Long, Long> serving = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    boolean compiler = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
                    (compiler ? jit : serving).put(Long.parseLong(task.getFileName().toString()),
                            nanosRun(task.resolve("schedstat")));
                } catch (IOException threadEnded) {
                    // Ended between the listing and the read: not in this sample.
                }
            }
        }
        return new ThreadCpu(jit, serving);
    }

    /** CPU time of the serving threads since the earlier sample, in milliseconds. */
    double servingMillisSince(ThreadCpu before) {
        return millisSince(servingNanos, before.servingNanos);
    }

    /** CPU time of the compiler threads since the earlier sample, in milliseconds. */
    double jitMillisSince(ThreadCpu before) {
        return millisSince(jitNanos, before.jitNanos);
    }

    private static double millisSince(Map<Long, Long> now, Map<Long, Long> before) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : now.entrySet()) {
            nanos += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return nanos / 1e6;
    }

    /** The time a thread has run, in nanoseconds: the first field of its schedstat file. */
    private static long nanosRun(Path schedstat) throws IOException {
        String line = Files.readString(schedstat);
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    /** utime + stime in clock ticks (10 ms) from a /proc stat file: fields 14 and 15. */
    static long ticks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name, field 3 (state) is index 0: utime (14) and stime (15) are at 11 and 12.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
