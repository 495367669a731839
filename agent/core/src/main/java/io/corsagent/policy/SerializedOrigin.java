package io.corsagent.policy;

/**
 * Recognises a serialized origin ({@code scheme "://" host [ ":" port ]}, as a browser sends it in {@code Origin})
 * without allocating, and without regular expressions.
 *
 * <p>A browser serializes origins in one canonical form: lower-case scheme and host, punycode, no default port,
 * no path, no user info. Anything else (upper case, {@code %}, white space, a trailing slash, several origins
 * joined by a comma) did not come from a browser's CORS machinery and is never allowed, whatever the policy says.
 */
public final class SerializedOrigin {

    /** 64 for the scheme, 3 for "://", 253 for the host, 6 for ":65535". Longer values are never origins. */
    static final int MAX_LENGTH = 64 + 3 + 253 + 6;

    private SerializedOrigin() {
    }

    /**
     * @return {@code -1} when {@code origin} is not a serialized origin; otherwise {@code (schemeEnd << 32) | hostEnd}
     *         (the host starts at {@code schemeEnd + 3}; a port, if any, follows {@code hostEnd} after a colon)
     */
    public static long parse(String origin) {
        int length = origin.length();
        if (length == 0 || length > MAX_LENGTH) {
            return -1;
        }
        char first = origin.charAt(0);
        if (first < 'a' || first > 'z') {
            return -1;
        }
        int schemeEnd = 1;
        while (schemeEnd < length && isSchemeChar(origin.charAt(schemeEnd))) {
            schemeEnd++;
        }
        if (schemeEnd > 64 || !origin.startsWith("://", schemeEnd)) {
            return -1;
        }
        int hostStart = schemeEnd + 3;
        int hostEnd = hostStart < length && origin.charAt(hostStart) == '['
                ? ipv6End(origin, hostStart) : domainEnd(origin, hostStart);
        if (hostEnd < 0) {
            return -1;
        }
        if (hostEnd < length) {
            if (origin.charAt(hostEnd) != ':') {
                return -1;
            }
            int port = port(origin, hostEnd + 1);
            if (port < 0 || port == defaultPort(origin, schemeEnd)) {
                return -1;
            }
        }
        return ((long) schemeEnd << 32) | hostEnd;
    }

    static int schemeEnd(long parsed) {
        return (int) (parsed >>> 32);
    }

    static int hostEnd(long parsed) {
        return (int) parsed;
    }

    /** @return the port written after {@code hostEnd}, or {@code -1} when the origin has none (default port) */
    static int explicitPort(String origin, long parsed) {
        int hostEnd = hostEnd(parsed);
        return hostEnd == origin.length() ? -1 : port(origin, hostEnd + 1);
    }

    /**
     * Whether a (parsed, valid) origin names the request's own origin. Scheme and host compare case-insensitively
     * (the container may report the Host header as sent); a default port equals no port.
     */
    public static boolean isSameOrigin(String origin, long parsed, String scheme, String host, int port) {
        if (scheme == null || host == null) {
            return false;
        }
        int schemeEnd = schemeEnd(parsed);
        if (scheme.length() != schemeEnd || !origin.regionMatches(true, 0, scheme, 0, schemeEnd)) {
            return false;
        }
        if (!hasHost(origin, parsed, host)) {
            return false;
        }
        int originPort = explicitPort(origin, parsed);
        int requestPort = port == defaultPort(origin, schemeEnd) ? -1 : port;
        return originPort == (requestPort <= 0 ? -1 : requestPort);
    }

    /**
     * Whether a (parsed, valid) origin names this host, case-insensitively (the container may report the Host header
     * as sent).
     *
     * @param host the request's host, or {@code null}
     */
    static boolean hasHost(String origin, long parsed, String host) {
        if (host == null) {
            return false;
        }
        int hostStart = schemeEnd(parsed) + 3;
        int hostLength = hostEnd(parsed) - hostStart;
        if (host.length() == hostLength && origin.regionMatches(true, hostStart, host, 0, hostLength)) {
            return true;
        }
        // Some containers report an IPv6 host without its brackets.
        return host.indexOf(':') >= 0 && host.charAt(0) != '[' && host.length() + 2 == hostLength
                && origin.charAt(hostStart) == '[' && origin.regionMatches(true, hostStart + 1, host, 0, host.length());
    }

    /**
     * @param text      text that starts with a scheme (an origin, or the scheme alone)
     * @param schemeEnd where the scheme ends in {@code text}
     * @return the scheme's default port ({@code http} 80, {@code https} 443, ...), or {@code -2} when it has none
     */
    static int defaultPort(String text, int schemeEnd) {
        if (schemeEnd == 4 && text.startsWith("http")) {
            return 80;
        }
        if (schemeEnd == 5 && text.startsWith("https")) {
            return 443;
        }
        if (schemeEnd == 2 && text.startsWith("ws")) {
            return 80;
        }
        if (schemeEnd == 3 && text.startsWith("wss")) {
            return 443;
        }
        if (schemeEnd == 3 && text.startsWith("ftp")) {
            return 21;
        }
        return -2;
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    /** Lower-case letters, digits, '-', '_' and dots between non-empty labels; at most 253 characters. */
    private static int domainEnd(String origin, int start) {
        int i = start;
        int length = origin.length();
        char previous = '.';
        while (i < length) {
            char c = origin.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return -1;
                }
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                break;
            }
            previous = c;
            i++;
        }
        return i == start || i - start > 253 ? -1 : i;
    }

    /** A bracketed IPv6 literal of lower-case hex digits, colons and (for an embedded IPv4) dots. */
    private static int ipv6End(String origin, int start) {
        int length = origin.length();
        for (int i = start + 1; i < length && i - start <= 47; i++) {
            char c = origin.charAt(i);
            if (c == ']') {
                return i == start + 1 ? -1 : i + 1;
            }
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    /** @return the port written from {@code start} to the end (1 to 65535, no leading zero), or {@code -1} */
    private static int port(String origin, int start) {
        int length = origin.length();
        if (start >= length || length - start > 5 || origin.charAt(start) == '0') {
            return -1;
        }
        int port = 0;
        for (int i = start; i < length; i++) {
            char c = origin.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }
}
