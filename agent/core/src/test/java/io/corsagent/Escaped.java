package io.corsagent;

/** Shows hostile test values readably in failure messages. */
public final class Escaped {

    private Escaped() {
    }

    /** The value in quotes, as a Java string literal's content would show it: backslashes doubled, control and non-ASCII
     * characters as {@code \\uXXXX} escapes (so a failure can be pasted back into a test). */
    public static String visible(String value) {
        StringBuilder shown = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                shown.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.append('\'').toString();
    }
}
