package io.corsagent;

import java.lang.management.ManagementFactory;

/**
 * Counts the heap bytes a piece of code allocates on the current thread (HotSpot's per-thread allocation counter,
 * which includes the bytes used in the thread's current TLAB). A count, not a timing: it gives the same answer on
 * a loaded machine.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int REPEATS = 64;

    static {
        // Without the counter every measurement reads -1, every difference is 0, and "allocates nothing" always holds.
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM does not count the bytes each thread allocates: the allocation"
                    + " tests cannot measure anything");
        }
    }

    private Allocations() {
    }

    private static final int ROUNDS = 3;

    /**
     * @return the bytes one call of {@code code} allocates, averaged (rounded down) over {@value #REPEATS} calls
     *         after one warm-up call, less what reading the counter itself costs. The least of {@value #ROUNDS}
     *         rounds: the counter can only be inflated by one-off work of the JVM on this thread, never deflated
     */
    public static long perCall(Runnable code) {
        code.run();
        Runnable nothing = () -> { };
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            least = Math.min(least, measure(code) - measure(nothing));
        }
        return Math.max(0, least / REPEATS);
    }

    private static long measure(Runnable code) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < REPEATS; i++) {
            code.run();
        }
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }
}
