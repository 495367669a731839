package io.corsagent.testapp;

import java.util.concurrent.atomic.AtomicLong;

/** How many requests reached the auth filter and the app: proof that an answered preflight reached neither. */
final class HitCounters {

    static final AtomicLong AUTH_FILTER = new AtomicLong();
    static final AtomicLong APP = new AtomicLong();

    private HitCounters() {
    }

    /** The form {@code /__counters} answers with, and that the tests parse. */
    static String describe() {
        return "auth-filter=" + AUTH_FILTER.get() + " app=" + APP.get() + "\n";
    }
}
