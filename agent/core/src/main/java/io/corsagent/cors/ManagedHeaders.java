package io.corsagent.cors;

import io.corsagent.bridge.CorsBridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the complete managed header set of a response (what the commit hook puts in place of every
 * {@code Access-Control-*} and {@code Vary} header the response carries): the policy's own headers, plus the
 * application's {@code Vary} merged with {@code Origin} where the rule needs it, without duplicates.
 */
public final class ManagedHeaders {

    private ManagedHeaders() {
    }

    /**
     * @param policyHeaders the policy's {@code Access-Control-*} pairs for this response (possibly empty)
     * @param varyOrigin    whether the response must carry {@code Vary: Origin}
     * @param appHeaders    the application's managed pairs
     * @return the complete set, or {@code null} when it equals {@code appHeaders} (nothing to change)
     */
    static String[] merge(String[] policyHeaders, boolean varyOrigin, String[] appHeaders) {
        if (appHeaders.length == 0) {
            if (policyHeaders.length == 0 && !varyOrigin) {
                return null;
            }
            return with(policyHeaders, varyOrigin ? "Origin" : null);
        }
        String vary = mergedVary(appHeaders, varyOrigin);
        String[] result = with(policyHeaders, vary);
        return sameHeaders(result, appHeaders) ? null : result;
    }

    /** Whether the application's response already carries exactly {@code expected}, in the same order. */
    static boolean sameHeaders(String[] expected, String[] appHeaders) {
        if (expected.length != appHeaders.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i += 2) {
            if (!expected[i].equalsIgnoreCase(appHeaders[i]) || !expected[i + 1].equals(appHeaders[i + 1])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the application set no {@code Access-Control-*} header and its {@code Vary} already names Origin. */
    public static boolean hasNoCorsHeaders(String[] appHeaders) {
        for (int i = 0; i < appHeaders.length; i += 2) {
            if (!appHeaders[i].equalsIgnoreCase(HeaderNames.VARY) && CorsBridge.isManagedHeader(appHeaders[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] with(String[] policyHeaders, String vary) {
        if (vary == null) {
            return policyHeaders.clone();
        }
        String[] result = new String[policyHeaders.length + 2];
        System.arraycopy(policyHeaders, 0, result, 0, policyHeaders.length);
        result[policyHeaders.length] = HeaderNames.VARY;
        result[policyHeaders.length + 1] = vary;
        return result;
    }

    /**
     * Every token of every application {@code Vary} (case-insensitively unique, first spelling kept), plus
     * {@code Origin} when needed and not already covered ({@code Vary: *} covers everything).
     *
     * @return the merged value, or {@code null} when the response needs no {@code Vary}
     */
    static String mergedVary(String[] appHeaders, boolean varyOrigin) {
        String single = singleToken(appHeaders);
        if (single != null) {
            return !varyOrigin || single.equalsIgnoreCase("Origin") || single.equals("*") ? single
                    : single + ", Origin";
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < appHeaders.length; i += 2) {
            if (!appHeaders[i].equalsIgnoreCase(HeaderNames.VARY) || appHeaders[i + 1] == null) {
                continue;
            }
            for (String token : appHeaders[i + 1].split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty() && !containsIgnoreCase(tokens, trimmed)) {
                    tokens.add(trimmed);
                }
            }
        }
        if (varyOrigin && !containsIgnoreCase(tokens, "Origin") && !tokens.contains("*")) {
            tokens.add("Origin");
        }
        return tokens.isEmpty() ? null : String.join(", ", tokens);
    }

    /**
     * The one token of the application's {@code Vary} when it sends exactly one {@code Vary} field naming one header
     * (the usual {@code Vary: Accept-Encoding} of a compressing container), trimmed; else {@code null}. Every CORS
     * response with such a field is merged, and this spares the general merge's split, list and join.
     */
    private static String singleToken(String[] appHeaders) {
        String value = null;
        for (int i = 0; i < appHeaders.length; i += 2) {
            if (appHeaders[i].equalsIgnoreCase(HeaderNames.VARY)) {
                if (value != null || appHeaders[i + 1] == null) {
                    return null;
                }
                value = appHeaders[i + 1];
            }
        }
        if (value == null || value.indexOf(',') >= 0) {
            return null;
        }
        String token = value.trim();
        return token.isEmpty() ? null : token;
    }

    /** Whether the application's {@code Vary} headers name {@code Origin} (or {@code *}). No allocation. */
    public static boolean varyNamesOrigin(String[] appHeaders) {
        for (int i = 0; i < appHeaders.length; i += 2) {
            String value = appHeaders[i + 1];
            if (!appHeaders[i].equalsIgnoreCase(HeaderNames.VARY) || value == null) {
                continue;
            }
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int s = start;
                int e = end;
                while (s < e && value.charAt(s) == ' ') {
                    s++;
                }
                while (e > s && value.charAt(e - 1) == ' ') {
                    e--;
                }
                if (e - s == 6 && value.regionMatches(true, s, "origin", 0, 6) || e - s == 1 && value.charAt(s) == '*') {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(List<String> tokens, String token) {
        for (String existing : tokens) {
            if (existing.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
