package io.corsagent.audit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code perWindow} permits per window of time, lock-free. Under a race at a window's turn a few more
 * permits than {@code perWindow} may be granted (at most one per concurrent thread): it bounds log volume, not money.
 */
final class RateLimiter {

    private final int perWindow;
    private final long windowMillis;
    private final LongSupplier clock;
    private final AtomicLong windowStart;
    private final AtomicInteger used = new AtomicInteger();

    RateLimiter(int perWindow, long windowMillis, LongSupplier clock) {
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.windowStart = new AtomicLong(clock.getAsLong());
    }

    boolean tryAcquire() {
        long now = clock.getAsLong();
        long start = windowStart.get();
        if (now - start >= windowMillis && windowStart.compareAndSet(start, now)) {
            used.set(0);
        }
        return used.incrementAndGet() <= perWindow;
    }
}
