package io.corsagent.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;
import org.tinylog.writers.Writer;

/**
 * The agent's log in this module's tests ({@code tinylog.properties} of the test resources names it): every entry,
 * as {@code LEVEL message}, kept in memory for the tests to read.
 */
public final class CapturedLog implements Writer {

    private static final List<String> LINES = new ArrayList<>();

    public CapturedLog(Map<String, String> properties) {
    }

    /** The lines logged since the last call, and forgets them. */
    static List<String> take() {
        synchronized (LINES) {
            List<String> lines = new ArrayList<>(LINES);
            LINES.clear();
            return lines;
        }
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        return EnumSet.of(LogEntryValue.LEVEL, LogEntryValue.MESSAGE);
    }

    @Override
    public void write(LogEntry entry) {
        synchronized (LINES) {
            LINES.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
