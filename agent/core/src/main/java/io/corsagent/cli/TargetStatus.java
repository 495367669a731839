package io.corsagent.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.corsagent.runtime.AgentStatus;

/** The status cors-agent publishes in a JVM's system properties, as the CLI reads it from outside. */
final class TargetStatus {

    private final Map<String, String> fields;

    private TargetStatus(Map<String, String> fields) {
        this.fields = fields;
    }

    /** @return the status, or {@code null} when cors-agent is not loaded in that JVM */
    static TargetStatus of(Properties systemProperties) {
        String line = systemProperties.getProperty(AgentStatus.PROPERTY);
        return line == null ? null : new TargetStatus(AgentStatus.parse(line));
    }

    String get(String key) {
        String value = fields.get(key);
        return value == null ? "?" : value;
    }

    /** Whether the policy is in effect and hooks guard requests, all of them ({@code active}) or some. */
    boolean isGuarding() {
        String state = fields.get("state");
        return "active".equals(state) || "degraded".equals(state);
    }

    /** The exit code of {@code status} for this state. */
    int exitCode() {
        String state = fields.get("state");
        return "active".equals(state) ? ExitCode.OK
                : "degraded".equals(state) ? ExitCode.DEGRADED
                : "not-guarding".equals(state) ? ExitCode.NOT_GUARDING
                : ExitCode.REFUSED;
    }

    /** Whether the agent took the attach with this id, and its policy is in effect. */
    boolean confirms(String attachId) {
        return attachId.equals(fields.get("attach-id"));
    }

    boolean lastLoadSucceeded() {
        String lastLoad = get("last-load");
        return lastLoad.contains(" ok at ");
    }

    /** The mode, with where it came from: {@code enforce}, or {@code audit (command line)}. */
    String modeWithSource() {
        if (!isGuarding()) {
            String state = fields.get("state");
            return state == null ? "inactive" : state;
        }
        return get("mode") + ("command line".equals(fields.get("mode-source")) ? " (command line)" : "");
    }

    /** Every field, in the order the agent published them. */
    Map<String, String> fields() {
        return new LinkedHashMap<>(fields);
    }
}
