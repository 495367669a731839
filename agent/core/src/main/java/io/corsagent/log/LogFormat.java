package io.corsagent.log;

/** The form of the agent's log lines ({@code log.format}). */
public enum LogFormat {
    /** Human-readable lines. */
    TEXT,
    /** One JSON object per line, for log shippers. */
    JSON;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the format for {@code text} or {@code json}, else {@code null} */
    public static LogFormat fromKeyword(String keyword) {
        for (LogFormat format : values()) {
            if (format.keyword().equals(keyword)) {
                return format;
            }
        }
        return null;
    }
}
