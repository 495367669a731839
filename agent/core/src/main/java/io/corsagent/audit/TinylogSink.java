package io.corsagent.audit;

import java.util.Map;

import org.tinylog.Logger;
import org.tinylog.ThreadContext;

/**
 * Writes findings to the agent's (relocated) tinylog. The text line is the finding's {@link Finding#text()}; the
 * structured fields travel in tinylog's thread context, which the JSON writer turns into fields of the line and the
 * text format ignores. tinylog copies the context into the log entry when the call is made, so clearing it right
 * after is safe even with its writing thread. Only the agent uses its relocated tinylog's context.
 *
 * <p>Findings quote what clients sent (origins, paths, requested headers). Every character outside printable
 * ASCII is written as a backslash escape ({@code x} and two hex digits, or {@code u} and four), so a request can
 * neither forge a log line with CR or LF nor send escape sequences to an operator's terminal.
 */
public final class TinylogSink implements LogSink {

    @Override
    public void write(Finding finding) {
        for (Map.Entry<String, String> field : finding.fields().entrySet()) {
            ThreadContext.put(field.getKey(), field.getValue());
        }
        try {
            if (finding.severity() == Finding.Severity.WARN) {
                Logger.warn("{}", printable(finding.text()));
            } else {
                Logger.info("{}", printable(finding.text()));
            }
        } finally {
            ThreadContext.clear();
        }
    }

    static String printable(String text) {
        int i = 0;
        while (i < text.length() && isPrintable(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPrintable(c)) {
                escaped.append(c);
            } else if (c <= 0xff) {
                escaped.append(String.format("\\x%02x", (int) c));
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    private static boolean isPrintable(char c) {
        return c >= 0x20 && c < 0x7f;
    }
}
