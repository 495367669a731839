package io.corsagent.policy;

import java.util.List;

/**
 * The keys of one rule as the file sets them; {@code null} where unset (a path rule then inherits the
 * top-level value). Each value remembers its line for later messages.
 */
final class RuleSettings {

    /** A value and the line it was set on. */
    static final class Setting<T> {
        final T value;
        final int line;
        final String key;

        Setting(T value, int line, String key) {
            this.value = value;
            this.line = line;
            this.key = key;
        }
    }

    final String name;
    final String glob;
    int firstLine;
    Setting<List<ConfiguredOrigin>> origins;
    Setting<List<String>> methods;
    Setting<List<String>> headers;
    Setting<List<String>> exposedHeaders;
    Setting<Boolean> credentials;
    Setting<Integer> maxAge;
    Setting<Boolean> rejectDisallowed;

    RuleSettings(String name, String glob) {
        this.name = name;
        this.glob = glob;
    }

    /** @return this rule's setting if it has one, else the top-level one (which may be null: the default) */
    static <T> Setting<T> inherit(Setting<T> own, Setting<T> topLevel) {
        return own != null ? own : topLevel;
    }
}
