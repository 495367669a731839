package io.corsagent.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.ConsoleWriter;
import org.tinylog.writers.Writer;

/**
 * Wraps the writer of the agent's log file so that a log that cannot be written (a directory in its place, a full
 * disk, a file made read-only) never disturbs the application and never floods its output.
 *
 * <p>Left alone, tinylog prints a {@code LOGGER ERROR} line to stderr for every entry it fails to write, and logs
 * nothing at all once it failed to open the file. Here the first failure is said once, on stderr, with what the
 * agent does about it; every failure is counted ({@link #failures()}, published as {@code log-failures} in the
 * agent's status); a file that cannot be opened is replaced by stderr, so the agent's messages are not lost.
 * tinylog instantiates this class by its name, with the properties of {@code writer.*}; {@value #DELEGATE} names
 * the writer it guards.
 */
public final class GuardedWriter implements Writer {

    /** The property naming the guarded writer's class. */
    static final String DELEGATE = "delegate";

    private static final AtomicLong FAILURES = new AtomicLong();

    private final String file;
    private final Writer delegate;

    public GuardedWriter(Map<String, String> properties) {
        this.file = properties.get("file");
        Map<String, String> own = new HashMap<>(properties);
        String delegateClass = own.remove(DELEGATE);
        Writer opened;
        try {
            opened = (Writer) Class.forName(delegateClass, true, GuardedWriter.class.getClassLoader())
                    .getConstructor(Map.class).newInstance(own);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            failed("cannot open the log file " + file + " (" + cause + "); the agent logs to stderr instead");
            opened = stderrWriter(delegateClass, own);
        }
        this.delegate = opened;
    }

    /** Log entries that could not be written, and log files that could not be opened, since the agent started. */
    public static long failures() {
        return FAILURES.get();
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        return delegate.getRequiredLogEntryValues();
    }

    @Override
    public void write(LogEntry entry) {
        try {
            delegate.write(entry);
        } catch (Exception e) {
            writeFailed(e);
        }
    }

    @Override
    public void flush() {
        try {
            delegate.flush();
        } catch (Exception e) {
            writeFailed(e);
        }
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } catch (Exception e) {
            FAILURES.incrementAndGet();
        }
    }

    private void writeFailed(Exception e) {
        failed("cannot write the log file " + file + " (" + e + "); log entries are dropped and counted"
                + " (log-failures in the system property cors-agent.status); the application is unaffected");
    }

    /** Counts the failure; the first one of the agent's life is said on stderr, where the operator looks. */
    private static void failed(String message) {
        if (FAILURES.getAndIncrement() == 0) {
            System.err.println("cors-agent: " + message);
        }
    }

    private static Writer stderrWriter(String delegateClass, Map<String, String> properties) {
        Map<String, String> console = new HashMap<>(properties);
        console.remove("file");
        if (JsonLinesWriter.class.getName().equals(delegateClass)) {
            try {
                return new JsonLinesWriter(console);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        console.put("stream", "err");
        return new ConsoleWriter(console);
    }
}
