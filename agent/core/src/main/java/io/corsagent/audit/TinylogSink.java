package io.corsagent.audit;

import java.util.Map;

import org.tinylog.Logger;
import org.tinylog.ThreadContext;

/**
 * Writes findings to the agent's (relocated) tinylog. The text line is the finding's {@link Finding#text()}; the
 * structured fields travel in tinylog's thread context, which the JSON writer turns into fields of the line and the
 * text format ignores. tinylog copies the context into the log entry when the call is made, so clearing it right
 * after is safe even with its writing thread. Only the agent uses its relocated tinylog's context.
 */
public final class TinylogSink implements LogSink {

    @Override
    public void write(Finding finding) {
        for (Map.Entry<String, String> field : finding.fields().entrySet()) {
            ThreadContext.put(field.getKey(), field.getValue());
        }
        try {
            if (finding.severity() == Finding.Severity.WARN) {
                Logger.warn("{}", finding.text());
            } else {
                Logger.info("{}", finding.text());
            }
        } finally {
            ThreadContext.clear();
        }
    }
}
