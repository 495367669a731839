package io.corsagent.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's state as one line in the system property {@value #PROPERTY}, so that it can be read from outside
 * the JVM without loading anything into it: {@code jcmd <pid> VM.system_properties}, or the attach API, which is
 * how {@code cors-agent status} and {@code attach} read it back.
 *
 * <p>Format: {@code key=value} pairs separated by {@code "; "}; values never contain {@code ';'}.
 */
public final class AgentStatus {

    public static final String PROPERTY = "cors-agent.status";

    private final Map<String, String> fields = new LinkedHashMap<>();

    public AgentStatus put(String key, Object value) {
        fields.put(key, String.valueOf(value).replace(';', ',').replace('\n', ' '));
        return this;
    }

    /** Writes the status for readers outside the JVM. */
    public void publish() {
        System.setProperty(PROPERTY, toString());
    }

    /** @return the fields of a published status line, in order */
    public static Map<String, String> parse(String line) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (line == null) {
            return parsed;
        }
        for (String pair : line.split("; ")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parsed.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return parsed;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (line.length() > 0) {
                line.append("; ");
            }
            line.append(field.getKey()).append('=').append(field.getValue());
        }
        return line.toString();
    }
}
