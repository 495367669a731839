package io.corsagent.cors;

import io.corsagent.policy.CorsRule;
import io.corsagent.policy.HttpTokens;

/**
 * Checks {@code Access-Control-Request-Headers} against a rule in one bounded pass.
 *
 * <p>The bound holds by construction, whatever the value: a value longer than {@link #MAX_LENGTH} characters is
 * refused before it is read, and the scan stops at element {@link #MAX_ELEMENTS} + 1 (empty elements count), so
 * a hostile value of thousands of commas costs a few microseconds and no memory. The only allocations are the
 * refused name (for the report) and, for a {@code *} rule, the echoed list when the browser did not already send
 * it in canonical form (lower case, no white space, no empty element).
 */
final class RequestedHeaders {

    /** Longer than any list a browser builds from the headers a script may set. */
    static final int MAX_LENGTH = 4096;
    /** Elements (names and empty ones) read before refusing. */
    static final int MAX_ELEMENTS = 64;
    /** Length kept of a refused name in reports. */
    private static final int MAX_DETAIL = 100;

    /** The outcome: {@link Reason#ALLOWED} with the names to echo, or a refusal with the culprit. */
    static final class Outcome {
        final Reason reason;
        final String detail;
        /** For a {@code *} rule: the requested names, lower case, comma-separated; else {@code null}. */
        final String echo;

        Outcome(Reason reason, String detail, String echo) {
            this.reason = reason;
            this.detail = detail;
            this.echo = echo;
        }
    }

    private static final Outcome ALLOWED = new Outcome(Reason.ALLOWED, null, null);

    private RequestedHeaders() {
    }

    static Outcome check(String value, CorsRule rule) {
        int length = value.length();
        if (length > MAX_LENGTH) {
            return new Outcome(Reason.HEADERS_TOO_LONG, length + " characters", null);
        }
        boolean canonical = true;
        int names = 0;
        int elements = 0;
        int i = 0;
        while (true) {
            if (++elements > MAX_ELEMENTS) {
                return new Outcome(Reason.HEADERS_TOO_MANY, "more than " + MAX_ELEMENTS + " elements", null);
            }
            while (i < length && isWhitespace(value.charAt(i))) {
                canonical = false;
                i++;
            }
            int start = i;
            while (i < length && HttpTokens.isTokenChar(value.charAt(i))) {
                char c = value.charAt(i);
                canonical &= !(c >= 'A' && c <= 'Z');
                i++;
            }
            int end = i;
            while (i < length && isWhitespace(value.charAt(i))) {
                canonical = false;
                i++;
            }
            if (i < length && value.charAt(i) != ',') {
                return new Outcome(Reason.HEADERS_MALFORMED, "unexpected character '" + value.charAt(i) + "'", null);
            }
            if (start == end) {
                canonical = false;
            } else {
                names++;
                if (!rule.allowsHeader(value, start, end)) {
                    return new Outcome(Reason.HEADER_NOT_ALLOWED,
                            value.substring(start, Math.min(end, start + MAX_DETAIL)), null);
                }
            }
            if (i == length) {
                break;
            }
            i++;
            if (i == length) {
                canonical = false;
            }
        }
        if (!rule.allowsAnyHeader() || names == 0) {
            return ALLOWED;
        }
        return new Outcome(Reason.ALLOWED, null, canonical ? value : canonicalList(value));
    }

    /** The names of an already checked (so bounded) value: lower case, joined by commas, no empty elements. */
    private static String canonicalList(String value) {
        StringBuilder list = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',') {
                if (list.length() > 0 && list.charAt(list.length() - 1) != ',') {
                    list.append(',');
                }
            } else if (!isWhitespace(c)) {
                list.append(Character.toLowerCase(c));
            }
        }
        if (list.length() > 0 && list.charAt(list.length() - 1) == ',') {
            list.setLength(list.length() - 1);
        }
        return list.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
