package io.corsagent.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code .properties} syntax, keeping the line of every key and reporting a key set twice.
 *
 * <p>{@link java.util.Properties} would do the parsing, but it forgets line numbers and lets a second
 * {@code allowed-origins} silently replace the first, which is exactly the kind of mistake a security policy
 * must not hide. The syntax is that of {@code Properties.load}: {@code #} and {@code !} comment lines, {@code =},
 * {@code :} or white space between key and value, backslash escapes ({@code \t \n \r \f \\uXXXX}) and line
 * continuation with a trailing backslash. One extension: a {@code #} preceded by white space ends the value, so
 * that {@code mode = enforce   # enforce | audit | off} works as people expect (no policy value contains
 * {@code " #"}; write {@code \#} for a literal one). Such a comment ends its line even when it ends in a backslash:
 * the next line is never swallowed by a comment.
 */
final class PropertiesReader {

    private final String file;
    private final List<PropertyEntry> entries = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private PropertiesReader(String file) {
        this.file = file;
    }

    /** The outcome of reading one file: its entries in file order, and the syntax problems found. */
    static final class Result {
        final List<PropertyEntry> entries;
        final List<Problem> problems;

        Result(List<PropertyEntry> entries, List<Problem> problems) {
            this.entries = entries;
            this.problems = problems;
        }
    }

    static Result read(String file, String content) {
        PropertiesReader reader = new PropertiesReader(file);
        reader.parse(content);
        return new Result(reader.entries, reader.problems);
    }

    private void parse(String content) {
        Map<String, Integer> firstLine = new HashMap<>();
        int position = 0;
        int lineNumber = 1;
        int length = content.length();
        if (length > 0 && content.charAt(0) == '\uFEFF') {
            position = 1;
        }
        while (position < length) {
            int startLine = lineNumber;
            // Gather one logical line: natural lines joined where one ends in an odd number of backslashes.
            StringBuilder logical = new StringBuilder();
            boolean firstNatural = true;
            while (true) {
                int end = position;
                while (end < length && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                    end++;
                }
                String natural = content.substring(position, end);
                position = end;
                if (position < length) {
                    if (content.charAt(position) == '\r') {
                        position++;
                        if (position < length && content.charAt(position) == '\n') {
                            position++;
                        }
                    } else {
                        position++;
                    }
                }
                lineNumber++;
                String trimmed = stripLeading(natural);
                if (firstNatural && (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == '!')) {
                    logical = null;
                    break;
                }
                firstNatural = false;
                // A backslash at the end of a comment belongs to the comment, which ends the line.
                boolean continued = endsWithOddBackslashes(trimmed) && commentStart(logical + trimmed) < 0;
                if (continued) {
                    trimmed = trimmed.substring(0, trimmed.length() - 1);
                }
                if (continued && position < length) {
                    logical.append(trimmed);
                    continue;
                }
                logical.append(trimmed);
                break;
            }
            if (logical != null) {
                entry(logical.toString(), startLine, firstLine);
            }
        }
    }

    private void entry(String line, int lineNumber, Map<String, Integer> firstLine) {
        int keyEnd = keyEnd(line);
        int valueStart = valueStart(line, keyEnd);
        String key = unescape(line.substring(0, keyEnd), lineNumber, null);
        String value = unescape(stripTrailingComment(line.substring(valueStart)), lineNumber, key);
        if (key == null || value == null) {
            return;
        }
        Integer earlier = firstLine.get(key);
        if (earlier != null) {
            problems.add(new Problem(Problem.Severity.ERROR, file, lineNumber, key,
                    "set twice (first on line " + earlier + "); the policy would silently depend on which one wins",
                    "keep the one you mean and delete the other"));
            return;
        }
        firstLine.put(key, lineNumber);
        entries.add(new PropertyEntry(key, value, lineNumber));
    }

    /** Where the key of a logical line ends: at the first unescaped separator or white space. */
    private static int keyEnd(String line) {
        int length = line.length();
        int keyEnd = 0;
        while (keyEnd < length) {
            char c = line.charAt(keyEnd);
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                break;
            }
            keyEnd++;
        }
        return Math.min(keyEnd, length);
    }

    /** Where the value of a logical line starts: after the white space and the one separator that follow the key. */
    private static int valueStart(String line, int keyEnd) {
        int length = line.length();
        int valueStart = keyEnd;
        while (valueStart < length && isBlank(line.charAt(valueStart))) {
            valueStart++;
        }
        if (valueStart < length && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
            valueStart++;
        }
        while (valueStart < length && isBlank(line.charAt(valueStart))) {
            valueStart++;
        }
        return valueStart;
    }

    /** Where the trailing comment of a (partly gathered) logical line starts in it, or -1 when it has none. */
    private static int commentStart(String line) {
        int valueStart = valueStart(line, keyEnd(line));
        int comment = commentStartInValue(line.substring(valueStart));
        return comment < 0 ? -1 : valueStart + comment;
    }

    /** The first unescaped {@code #} preceded by white space, the value's first character aside, or -1. */
    private static int commentStartInValue(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && isBlank(value.charAt(i - 1)) && !escaped(value, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Cuts an unescaped {@code #} preceded by white space, and the white space before it. */
    private static String stripTrailingComment(String value) {
        int comment = commentStartInValue(value);
        if (comment >= 0) {
            int end = comment;
            while (end > 0 && isBlank(value.charAt(end - 1))) {
                end--;
            }
            return value.substring(0, end);
        }
        int end = value.length();
        while (end > 0 && isBlank(value.charAt(end - 1)) && !escaped(value, end - 1)) {
            end--;
        }
        return value.substring(0, end);
    }

    private static boolean escaped(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** @return the text with escapes resolved, or {@code null} after reporting a malformed {@code \\u} escape */
    private String unescape(String text, int lineNumber, String key) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't': out.append('\t'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    if (i + 4 >= text.length()) {
                        malformedEscape(lineNumber, key, text.substring(i - 1));
                        return null;
                    }
                    int code = 0;
                    for (int k = 1; k <= 4; k++) {
                        int digit = hexDigit(text.charAt(i + k));
                        if (digit < 0) {
                            malformedEscape(lineNumber, key, text.substring(i - 1, i + 5));
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    i += 4;
                    break;
                default: out.append(next);
            }
        }
        return out.toString();
    }

    /** An ASCII hexadecimal digit's value, or -1: {@code Character.digit} would also take fullwidth and other digits. */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private void malformedEscape(int lineNumber, String key, String escape) {
        problems.add(new Problem(Problem.Severity.ERROR, file, lineNumber, key,
                "malformed escape " + escape + ": \\u needs four hexadecimal digits",
                "write \\\\u for a literal backslash-u, or \\u0041 style escapes"));
    }

    private static String stripLeading(String text) {
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    private static boolean endsWithOddBackslashes(String text) {
        return !text.isEmpty() && text.charAt(text.length() - 1) == '\\' && !escaped(text, text.length() - 1);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
