package io.corsagent.log;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.corsagent.policy.LogFormat;

import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/**
 * Configures the agent's own (relocated) tinylog, once, before anything logs.
 *
 * <p>tinylog reads {@code tinylog.properties} and every {@code tinylog.*} system property when it
 * initialises, and freezes its configuration at first use. An application that uses tinylog itself would
 * thereby configure our logger, so the agent replaces the whole configuration programmatically first. tinylog
 * finds its writers through the thread context class loader, so initialisation runs with ours.
 */
public final class AgentLog {

    /** A human-readable line: time, the agent's name, level, and the message (a finding's kind and rule first). */
    static final String TEXT_FORMAT = "{date: yyyy-MM-dd HH:mm:ss.SSS} cors-agent {level}: {message}";

    /**
     * The longest a thread that is about to log waits for {@link #configure} (see {@link #awaitConfigured}). The agent
     * configures its log within a few hundred milliseconds of the JVM's start; past this bound, something failed and
     * logging with tinylog's defaults beats holding up the application.
     */
    private static final long CONFIGURE_WAIT_SECONDS = 10;

    /** Open once {@link #configure} has run. */
    private static final CountDownLatch CONFIGURED = new CountDownLatch(1);

    private static boolean toStderr;

    private AgentLog() {
    }

    /**
     * @param file   a log file, or {@code null} for stderr
     * @param format human-readable lines, or one JSON object per line for log shippers
     * @return false when the logger was already configured (tinylog cannot be reconfigured once in use)
     */
    public static synchronized boolean configure(String file, LogFormat format) {
        if (CONFIGURED.getCount() == 0) {
            return false;
        }
        Map<String, String> settings = new HashMap<>();
        if (format == LogFormat.JSON && file == null) {
            settings.put("writer", JsonLinesWriter.class.getName());
        } else if (format == LogFormat.JSON) {
            settings.put("writer", GuardedWriter.class.getName());
            settings.put("writer." + GuardedWriter.DELEGATE, JsonLinesWriter.class.getName());
            settings.put("writer.file", file);
        } else if (file == null) {
            settings.put("writer", "console");
            settings.put("writer.stream", "err");
            settings.put("writer.format", TEXT_FORMAT);
        } else {
            settings.put("writer", GuardedWriter.class.getName());
            settings.put("writer." + GuardedWriter.DELEGATE, org.tinylog.writers.FileWriter.class.getName());
            settings.put("writer.file", file);
            settings.put("writer.append", "true");
            settings.put("writer.format", TEXT_FORMAT);
        }
        settings.put("writer.level", "info");
        // Never block a request thread on log I/O; never write from inside a class-file transformer either.
        settings.put("writingthread", "true");
        settings.put("autoshutdown", "true");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AgentLog.class.getClassLoader());
        try {
            Configuration.replace(settings);
            ProviderRegistry.getLoggingProvider();
        } finally {
            thread.setContextClassLoader(previous);
            // Even when tinylog failed: whoever waits logs with what there is rather than waiting in vain.
            CONFIGURED.countDown();
        }
        toStderr = file == null;
        return true;
    }

    /**
     * Returns once the log is configured. For code that may run before the agent's start has got that far: at premain
     * the log is configured on a background thread, while the class-file transformer already runs on the
     * application's threads, and a first log line from there would freeze tinylog with its defaults (and the
     * application's {@code tinylog.properties}).
     */
    public static void awaitConfigured() {
        if (CONFIGURED.getCount() == 0) {
            return;
        }
        try {
            CONFIGURED.await(CONFIGURE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Log entries (or log files) the agent could not write since it started: see {@link GuardedWriter}. */
    public static long failures() {
        return GuardedWriter.failures();
    }

    /** Whether the agent's log goes to stderr, where an operator starting the application looks. */
    public static synchronized boolean isStderr() {
        return toStderr;
    }
}
