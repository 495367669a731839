package io.corsagent.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browser's side of CORS (Fetch standard, "CORS check" and "CORS-preflight fetch"): whether a page could read
 * an actual response, or may send the request a preflight was for, given the response's status and headers. The
 * same judge for the original filter's answers and the agent's, so that they are compared by what a page sees.
 */
final class BrowserCors {

    private BrowserCors() {
    }

    /** @param headers lower-case names */
    static boolean readable(String origin, boolean credentials, Map<String, String> headers) {
        String allowOrigin = headers.get("access-control-allow-origin");
        if (allowOrigin == null) {
            return false;
        }
        if (allowOrigin.equals("*")) {
            return !credentials;
        }
        if (!allowOrigin.equals(origin)) {
            return false;
        }
        return !credentials || "true".equals(headers.get("access-control-allow-credentials"));
    }

    /** Whether the preflight lets the page send {@code method} with {@code requestHeaders} (lower case, commas). */
    static boolean preflightPasses(String origin, boolean credentials, String method, String requestHeaders, int status,
                                   Map<String, String> headers) {
        if (status < 200 || status > 299 || !readable(origin, credentials, headers)) {
            return false;
        }
        List<String> methods = list(headers.get("access-control-allow-methods"));
        boolean methodOk = Arrays.asList("GET", "HEAD", "POST").contains(method) || methods.contains(method)
                || !credentials && methods.contains("*");
        if (!methodOk) {
            return false;
        }
        List<String> allowed = list(lower(headers.get("access-control-allow-headers")));
        for (String header : list(requestHeaders)) {
            boolean ok = allowed.contains(header)
                    || !credentials && allowed.contains("*") && !header.equals("authorization");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static List<String> list(String value) {
        if (value == null || value.trim().isEmpty()) {
            return java.util.Collections.emptyList();
        }
        return Arrays.asList(value.trim().split("\\s*,\\s*"));
    }
}
