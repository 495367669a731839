package io.corsagent.policy;

/**
 * One finding about a policy file: where it is (file, line, key), what is wrong, and how to fix it.
 *
 * <p>Errors make a policy unusable; warnings describe risky but legal choices.
 */
public final class Problem {

    /** Whether a problem stops the policy from being used. */
    public enum Severity { ERROR, WARNING }

    private final Severity severity;
    private final String file;
    private final int line;
    private final String key;
    private final String message;
    private final String fix;

    public Problem(Severity severity, String file, int line, String key, String message, String fix) {
        this.severity = severity;
        this.file = file;
        this.line = line;
        this.key = key;
        this.message = message;
        this.fix = fix;
    }

    public Severity severity() {
        return severity;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The file name as given to the loader. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The key the problem is about, or {@code null} when it concerns the whole file. */
    public String key() {
        return key;
    }

    public String message() {
        return message;
    }

    /** A suggested fix, or {@code null} when there is nothing obvious to suggest. */
    public String fix() {
        return fix;
    }

    /** {@code file:line: error: key: message (fix: ...)}, the form {@code check} prints and the runtime logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ");
        if (key != null) {
            text.append(key).append(": ");
        }
        text.append(message);
        if (fix != null) {
            text.append(" (fix: ").append(fix).append(')');
        }
        return text.toString();
    }
}
