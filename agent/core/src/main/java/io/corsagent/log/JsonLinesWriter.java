package io.corsagent.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;

import org.tinylog.core.LogEntry;
import org.tinylog.core.LogEntryValue;

/**
 * A tinylog writer of one JSON object per line ({@code log.format = json}), to stdout (where a container platform's
 * log shipper reads, every level in one ordered stream) or to the file named in
 * property {@code file}: {@code time}, {@code level}, {@code message}, then the thread context's fields (a finding's
 * {@code finding}, {@code rule}, {@code culprit}, ...), then {@code exception} with the stack trace.
 *
 * <p>tinylog's own JSON writer writes files only; this one serves both destinations with the same fields. tinylog
 * instantiates it by its class name from the agent's configuration, with the agent's class loader.
 */
public final class JsonLinesWriter implements org.tinylog.writers.Writer {

    /** The writer property naming the application, written as the {@code app} field of every line. */
    static final String APP = "app";

    private final Writer out;
    private final String app;

    public JsonLinesWriter(Map<String, String> properties) throws IOException {
        this.app = properties.get(APP);
        String file = properties.get("file");
        this.out = file == null
                ? new OutputStreamWriter(new NonClosingStream(System.out), StandardCharsets.UTF_8)
                : new OutputStreamWriter(new FileOutputStream(file, true), StandardCharsets.UTF_8);
    }

    @Override
    public Collection<LogEntryValue> getRequiredLogEntryValues() {
        return EnumSet.of(LogEntryValue.DATE, LogEntryValue.LEVEL, LogEntryValue.MESSAGE, LogEntryValue.EXCEPTION,
                LogEntryValue.CONTEXT);
    }

    @Override
    public void write(LogEntry entry) throws IOException {
        out.write(line(entry, app));
    }

    /** The JSON line for an entry, line separator included. */
    static String line(LogEntry entry) {
        return line(entry, null);
    }

    /** @param app the {@code app} field, or {@code null} for none */
    static String line(LogEntry entry, String app) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", DateTimeFormatter.ISO_INSTANT.format(entry.getTimestamp().toInstant()));
        field(json, "level", entry.getLevel().name());
        field(json, APP, app);
        field(json, "message", entry.getMessage());
        if (entry.getContext() != null) {
            for (Map.Entry<String, String> context : entry.getContext().entrySet()) {
                if (!Arrays.asList("time", "level", APP, "message", "exception").contains(context.getKey())) {
                    field(json, context.getKey(), context.getValue());
                }
            }
        }
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            field(json, "exception", trace.toString());
        }
        return json.append('}').append(System.lineSeparator()).toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        quote(json, name);
        json.append(':');
        quote(json, value);
    }

    /** Appends the text as a JSON string literal (RFC 8259 escapes). */
    public static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Closing the writer must not close the JVM's stderr. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
