package io.corsagent.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** HTTP token syntax (RFC 9110) and the Fetch standard's named method and header sets. */
public final class HttpTokens {

    /** Methods Fetch refuses outright: a policy listing them is a mistake. */
    private static final Set<String> FORBIDDEN_METHODS = set("CONNECT", "TRACE", "TRACK");

    /** Methods a browser upper-cases before sending, so only the upper-case spelling can ever match. */
    private static final Set<String> NORMALIZED_METHODS = set("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");

    /** Request headers a script cannot set, so a browser never names them in a preflight (lower case). */
    private static final Set<String> FORBIDDEN_REQUEST_HEADERS = set("accept-charset", "accept-encoding",
            "access-control-request-headers", "access-control-request-method", "connection", "content-length",
            "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie",
            "te", "trailer", "transfer-encoding", "upgrade", "via");

    /** Response headers a browser always exposes (lower case). */
    private static final Set<String> SAFELISTED_RESPONSE_HEADERS = set("cache-control", "content-language",
            "content-length", "content-type", "expires", "last-modified", "pragma");

    private HttpTokens() {
    }

    private static Set<String> set(String... values) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(values)));
    }

    /** {@code tchar} of RFC 9110: a method or a header name is one or more of these. */
    public static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** GET, HEAD and POST (case-sensitive, as Fetch compares methods): always allowed, never need a preflight. */
    public static boolean isSafelistedMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "POST".equals(method);
    }

    static boolean isForbiddenMethod(String method) {
        return FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    /** @return the upper-case spelling a browser sends for this method, when it differs from {@code method}; else null */
    static String normalizedSpelling(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return NORMALIZED_METHODS.contains(upper) && !upper.equals(method) ? upper : null;
    }

    static boolean isForbiddenRequestHeader(String lowerCaseName) {
        return FORBIDDEN_REQUEST_HEADERS.contains(lowerCaseName)
                || lowerCaseName.startsWith("proxy-") || lowerCaseName.startsWith("sec-");
    }

    static boolean isSafelistedResponseHeader(String lowerCaseName) {
        return SAFELISTED_RESPONSE_HEADERS.contains(lowerCaseName);
    }
}
