package io.corsagent.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing the agent tells the operator: a kind, a severity, the path rule it is about, a sentence, and the
 * structured fields a JSON log line carries besides the sentence.
 */
public final class Finding {

    /** How loud a finding is. */
    public enum Severity { INFO, WARN }

    private final String kind;
    private final Severity severity;
    private final String rule;
    private final String message;
    private final Map<String, String> fields;

    private Finding(String kind, Severity severity, String rule, String message, Map<String, String> fields) {
        this.kind = kind;
        this.severity = severity;
        this.rule = rule;
        this.message = message;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder of(String kind, Severity severity, String rule) {
        return new Builder(kind, severity, rule);
    }

    /** A short stable name, e.g. {@code misordered-auth}. */
    public String kind() {
        return kind;
    }

    public Severity severity() {
        return severity;
    }

    /** The policy rule's name ({@code top-level} or {@code path.<glob>}), or {@code null} for agent-wide lines. */
    public String rule() {
        return rule;
    }

    /** The human-readable sentence(s), without kind and rule. */
    public String message() {
        return message;
    }

    /** The whole human-readable line: {@code <kind> [<rule>]: <message>}. */
    public String text() {
        return rule == null ? kind + ": " + message : kind + " [" + rule + "]: " + message;
    }

    /** {@code finding}, {@code rule} and the finding's own fields (culprit, method, path, origin, status...). */
    public Map<String, String> fields() {
        return fields;
    }

    /** Collects the fields while the message is written. */
    public static final class Builder {
        private final String kind;
        private final Severity severity;
        private final String rule;
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(String kind, Severity severity, String rule) {
            this.kind = kind;
            this.severity = severity;
            this.rule = rule;
            fields.put("finding", kind);
            if (rule != null) {
                fields.put("rule", rule);
            }
        }

        /** Adds a field; {@code null} values are left out. */
        public Builder field(String name, Object value) {
            if (value != null) {
                fields.put(name, String.valueOf(value));
            }
            return this;
        }

        public Finding message(String message) {
            return new Finding(kind, severity, rule, message, new LinkedHashMap<>(fields));
        }
    }
}
