package io.corsagent.policy;

/** One {@code key = value} of a policy file, with the line its key is on. */
public final class PropertyEntry {

    private final String key;
    private final String value;
    private final int line;

    PropertyEntry(String key, String value, int line) {
        this.key = key;
        this.value = value;
        this.line = line;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public int line() {
        return line;
    }
}
