package io.corsagent.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Log statements that came before {@link #configure}: see {@link #whenConfigured}. Also the lock of both. */
    private static final List<Runnable> PENDING = new ArrayList<>();
    private static boolean configured;

    private static boolean toConsole;

    private AgentLog() {
    }

    /**
     * @param file   a log file, or {@code null} for the console (text: information on stdout, warnings and errors on
     *               stderr; JSON: stdout)
     * @param format human-readable lines, or one JSON object per line for log shippers
     * @return false when the logger was already configured (tinylog cannot be reconfigured once in use)
     */
    public static synchronized boolean configure(String file, LogFormat format) {
        return configure(file, format, null);
    }

    /**
     * @param app the application's name in JSON lines (the policy's {@code log.app}), or {@code null} for the main
     *            class: see {@link AppName}
     * @return false when the logger was already configured (tinylog cannot be reconfigured once in use)
     */
    public static synchronized boolean configure(String file, LogFormat format, String app) {
        synchronized (PENDING) {
            if (configured) {
                return false;
            }
        }
        Map<String, String> settings = new HashMap<>();
        if (format == LogFormat.JSON && file == null) {
            settings.put("writer", JsonLinesWriter.class.getName());
        } else if (format == LogFormat.JSON) {
            settings.put("writer", GuardedWriter.class.getName());
            settings.put("writer." + GuardedWriter.DELEGATE, JsonLinesWriter.class.getName());
            settings.put("writer.file", file);
        } else if (file == null) {
            // Information on stdout, warnings and errors on stderr: application servers log a JVM's stderr as
            // errors (WildFly's ERROR [stderr], Liberty's SystemErr), which the agent's start-up lines are not.
            settings.put("writer", "console");
            settings.put("writer.stream", "err@WARN");
            settings.put("writer.format", TEXT_FORMAT);
        } else {
            settings.put("writer", GuardedWriter.class.getName());
            settings.put("writer." + GuardedWriter.DELEGATE, org.tinylog.writers.FileWriter.class.getName());
            settings.put("writer.file", file);
            settings.put("writer.append", "true");
            settings.put("writer.format", TEXT_FORMAT);
        }
        if (format == LogFormat.JSON) {
            settings.put("writer." + JsonLinesWriter.APP, AppName.of(app));
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
            toConsole = file == null;
            // Even when tinylog failed: the statements waiting log with what there is rather than never.
            runPending();
        }
        return true;
    }

    private static void runPending() {
        List<Runnable> pending;
        synchronized (PENDING) {
            configured = true;
            pending = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (Runnable statement : pending) {
            try {
                statement.run();
            } catch (RuntimeException e) {
                // A log statement that fails must neither silence those after it nor fail the agent's start.
            }
        }
    }

    /**
     * Runs a log statement now if the log is configured, or else right after {@link #configure}, on its thread. For
     * code that may run before the agent's start has got that far: at premain the log is configured on a background
     * thread, while the class-file transformer already runs on the application's threads; a first log line from
     * there would freeze tinylog with its defaults (and the application's {@code tinylog.properties}), and waiting
     * for the configuration would hold up the application's start.
     */
    public static void whenConfigured(Runnable statement) {
        synchronized (PENDING) {
            if (!configured) {
                PENDING.add(statement);
                return;
            }
        }
        statement.run();
    }

    /** Log entries (or log files) the agent could not write since it started: see {@link GuardedWriter}. */
    public static long failures() {
        return GuardedWriter.failures();
    }

    /** Whether the agent's log goes to the console, where an operator starting the application looks. */
    public static synchronized boolean isConsole() {
        return toConsole;
    }
}
