package io.corsagent.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.corsagent.testing.TestSwitches;

/**
 * Logs each distinct finding once, and counts the rest.
 *
 * <p>A finding's key is bounded by construction: its kind, its path rule and its culprit (a filter class, a refusal
 * reason, a header name set by the app), never a value a client sends. Each key keeps a count and the first
 * {@link #FIRST_ORIGINS} origins it saw. At most {@link #MAX_KEYS} keys are kept; findings beyond are counted only.
 * New findings are logged at most {@link #LINES_PER_WINDOW} per {@link #WINDOW_MILLIS}; the rest wait for the summary,
 * which {@link #summarize()} writes at most once per {@link #SUMMARY_MILLIS}, and only when something was held back.
 * So memory and log volume stay bounded whatever clients send: 100,000 requests with random origins are one line
 * and one key per distinct finding, plus a summary a minute.
 *
 * <p>Reporting a finding seen before is one lock-free map lookup and a counter increment.
 */
public final class FindingLog {

    static final int MAX_KEYS = 256;
    static final int FIRST_ORIGINS = 3;
    static final int MAX_ORIGIN_LENGTH = 100;
    static final int LINES_PER_WINDOW = 20;
    static final long WINDOW_MILLIS = 60_000;
    /** A minute, but for tests ({@link TestSwitches#summaryMillis}). */
    static final long SUMMARY_MILLIS = TestSwitches.summaryMillis();
    /** Keys named in one summary line; the others are added up. */
    static final int SUMMARY_KEYS = 10;

    private final LogSink sink;
    private final LongSupplier clock;
    private final RateLimiter limiter;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger keys = new AtomicInteger();
    private final LongAdder overKeyLimit = new LongAdder();
    private final LongAdder occurrences = new LongAdder();
    private long lastSummary;
    private long overKeyLimitSummarized;

    public FindingLog(LogSink sink) {
        this(sink, System::currentTimeMillis);
    }

    FindingLog(LogSink sink, LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
        this.limiter = new RateLimiter(LINES_PER_WINDOW, WINDOW_MILLIS, clock);
        this.lastSummary = clock.getAsLong();
    }

    /**
     * Counts one more occurrence of a finding reported before, as {@link #report} does. Lets a caller skip building
     * the description of a repeat, the common case, even the {@code Supplier} for it: no allocation here.
     *
     * @return false, having counted nothing, when the key is new: report it then, with its description
     */
    public boolean repeated(String key, String origin) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        occurrences.increment();
        entry.seen(origin);
        return true;
    }

    /**
     * @param key      the bounded dedup key (kind, rule, culprit)
     * @param origin   the request's Origin (kept among the first few), or {@code null}
     * @param describe builds the finding; called only when it is logged
     * @return whether the finding is new
     */
    public boolean report(String key, String origin, Supplier<Finding> describe) {
        if (repeated(key, origin)) {
            return false;
        }
        occurrences.increment();
        if (keys.incrementAndGet() > MAX_KEYS) {
            keys.decrementAndGet();
            overKeyLimit.increment();
            return false;
        }
        // Decided before the entry is published: a summary running meanwhile must know whether the first occurrence
        // is logged, or it counts it as held back too. Two threads racing on a new key may spend a line for nothing.
        Entry fresh = new Entry(key, limiter.tryAcquire());
        Entry raced = entries.putIfAbsent(key, fresh);
        if (raced != null) {
            keys.decrementAndGet();
            raced.seen(origin);
            return false;
        }
        fresh.seen(origin);
        if (fresh.logged) {
            sink.write(describe.get());
        }
        return true;
    }

    /** Distinct findings seen (keys kept). */
    public int distinct() {
        return keys.get();
    }

    /** Every report, repeated ones included. */
    public long occurrences() {
        return occurrences.sum();
    }

    /**
     * Writes one summary line of what was counted but not logged since the last summary, if the interval passed and
     * there is anything. Called from the agent's own thread, never from a request.
     *
     * @return whether a line was written
     */
    public synchronized boolean summarize() {
        long now = clock.getAsLong();
        if (now - lastSummary < SUMMARY_MILLIS) {
            return false;
        }
        lastSummary = now;
        List<Entry> held = new ArrayList<>();
        long heldCount = 0;
        int notLogged = 0;
        for (Entry entry : entries.values()) {
            long count = entry.count.sum();
            long base = entry.summarized >= 0 ? entry.summarized : entry.logged ? 1 : 0;
            if (count > base) {
                entry.unsummarized = count - base;
                entry.summarized = count;
                held.add(entry);
                heldCount += entry.unsummarized;
                if (!entry.logged) {
                    notLogged++;
                }
            }
        }
        long overLimit = overKeyLimit.sum() - overKeyLimitSummarized;
        overKeyLimitSummarized += overLimit;
        if (held.isEmpty() && overLimit == 0) {
            return false;
        }
        held.sort(Comparator.comparingLong((Entry e) -> e.unsummarized).reversed());
        StringBuilder text = new StringBuilder();
        text.append(heldCount).append(" finding(s) counted, not logged, in the last ")
                .append(SUMMARY_MILLIS / 1000).append(" s");
        if (notLogged > 0) {
            text.append(" (").append(notLogged).append(" distinct one(s) held back by the rate limit of ")
                    .append(LINES_PER_WINDOW).append(" lines a minute)");
        }
        for (int i = 0; i < held.size() && i < SUMMARY_KEYS; i++) {
            Entry entry = held.get(i);
            text.append(i == 0 ? ": " : "; ").append(entry.key.replace('|', ' ')).append(" x")
                    .append(entry.unsummarized);
            String origins = entry.origins();
            if (!origins.isEmpty()) {
                text.append(" (first origins ").append(origins).append(')');
            }
        }
        if (held.size() > SUMMARY_KEYS) {
            text.append("; and ").append(held.size() - SUMMARY_KEYS).append(" more");
        }
        if (overLimit > 0) {
            text.append("; ").append(overLimit).append(" beyond the limit of ").append(MAX_KEYS)
                    .append(" distinct findings");
        }
        sink.write(Finding.of("summary", Finding.Severity.INFO, null)
                .field("counted", heldCount)
                .field("distinct", held.size())
                .field("overLimit", overLimit)
                .message(text.toString()));
        return true;
    }

    /** One distinct finding: a count and its first few origins. Fixed size. */
    private static final class Entry {
        final String key;
        final LongAdder count = new LongAdder();
        final AtomicReferenceArray<String> firstOrigins = new AtomicReferenceArray<>(FIRST_ORIGINS);
        final boolean logged;
        /** Summary bookkeeping, only touched under the summary's lock: the count at the last summary, or -1. */
        long summarized = -1;
        long unsummarized;

        Entry(String key, boolean logged) {
            this.key = key;
            this.logged = logged;
        }

        void seen(String origin) {
            count.increment();
            if (origin == null || firstOrigins.get(FIRST_ORIGINS - 1) != null) {
                return;
            }
            String kept = origin.length() <= MAX_ORIGIN_LENGTH ? origin : origin.substring(0, MAX_ORIGIN_LENGTH);
            for (int i = 0; i < FIRST_ORIGINS; i++) {
                String there = firstOrigins.get(i);
                if (kept.equals(there) || there == null && firstOrigins.compareAndSet(i, null, kept)) {
                    return;
                }
            }
        }

        String origins() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < FIRST_ORIGINS; i++) {
                String origin = firstOrigins.get(i);
                if (origin != null) {
                    text.append(text.length() == 0 ? "" : ", ").append(origin);
                }
            }
            return text.toString();
        }
    }
}
