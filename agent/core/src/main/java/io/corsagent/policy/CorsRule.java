package io.corsagent.policy;

import java.util.Locale;

/**
 * One effective CORS rule: the top-level rule, or a path rule with the keys it does not set inherited from the
 * top level. Immutable, compiled for request time: every header value it can answer with is computed here once.
 */
public final class CorsRule {

    /** The name of the rule that applies where no path rule matches. */
    public static final String TOP_LEVEL = "top-level";

    private final String name;
    private final int line;
    private final PathPattern path;
    private final OriginMatcher origins;
    private final String[] methods;
    private final String allowMethods;
    private final String[] headerNames;
    private final boolean anyHeader;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final boolean credentials;
    private final String maxAgeValue;
    private final boolean rejectDisallowed;

    CorsRule(String name, int line, PathPattern path, OriginMatcher origins, String[] methods, String[] headers,
             String[] exposedHeaders, boolean credentials, int maxAge, boolean rejectDisallowed) {
        this.name = name;
        this.line = line;
        this.path = path;
        this.origins = origins;
        this.methods = methods.clone();
        this.allowMethods = methods.length == 0 ? null : String.join(", ", methods);
        boolean any = false;
        int named = 0;
        for (String header : headers) {
            if (header.equals("*")) {
                any = true;
            } else {
                named++;
            }
        }
        this.anyHeader = any;
        this.headerNames = new String[named];
        StringBuilder allow = new StringBuilder();
        int index = 0;
        for (String header : headers) {
            if (!header.equals("*")) {
                headerNames[index++] = header.toLowerCase(Locale.ROOT);
                allow.append(allow.length() == 0 ? "" : ", ").append(header);
            }
        }
        this.allowHeaders = allow.length() == 0 ? null : allow.toString();
        this.exposeHeaders = exposedHeaders.length == 0 ? null : String.join(", ", exposedHeaders);
        this.credentials = credentials;
        this.maxAgeValue = Integer.toString(maxAge);
        this.rejectDisallowed = rejectDisallowed;
    }

    /** {@value #TOP_LEVEL}, or {@code path.<glob>} as written in the policy. */
    public String name() {
        return name;
    }

    /** The policy line where the rule starts (its first key), or 0 for a top-level rule with no keys. */
    public int line() {
        return line;
    }

    /** The path glob, or {@code null} for the top-level rule. */
    public PathPattern path() {
        return path;
    }

    public OriginMatcher origins() {
        return origins;
    }

    public boolean allowsCredentials() {
        return credentials;
    }

    public boolean rejectsDisallowed() {
        return rejectDisallowed;
    }

    /** {@code Access-Control-Max-Age} value. */
    public String maxAgeValue() {
        return maxAgeValue;
    }

    /** {@code Access-Control-Allow-Methods} value: the configured methods, or {@code null} when none are. */
    public String allowMethodsValue() {
        return allowMethods;
    }

    /** {@code Access-Control-Allow-Headers} value for a rule without {@code *}: the configured names, or null. */
    public String allowHeadersValue() {
        return allowHeaders;
    }

    /** {@code Access-Control-Expose-Headers} value, or {@code null}. */
    public String exposeHeadersValue() {
        return exposeHeaders;
    }

    /** Whether {@code allowed-headers} holds {@code *}: the answer then echoes the requested names. */
    public boolean allowsAnyHeader() {
        return anyHeader;
    }

    /**
     * Whether the answer's {@code Access-Control-Allow-Origin} depends on the request's {@code Origin}, so that
     * every response under this rule must carry {@code Vary: Origin} (Fetch, "CORS protocol and HTTP caches").
     */
    public boolean variesByOrigin() {
        return !origins.isEmpty() && !origins.allowsAny();
    }

    /** Whether every response under this rule carries the same {@code Access-Control-Allow-Origin: *}. */
    public boolean isStaticAnyOrigin() {
        return origins.allowsAny();
    }

    /** Case-sensitive, as Fetch compares methods; GET, HEAD and POST always pass. */
    public boolean allowsMethod(String method) {
        if (HttpTokens.isSafelistedMethod(method)) {
            return true;
        }
        for (String allowed : methods) {
            if (allowed.equals(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the header name at {@code text[start, end)} may be requested. Case-insensitive; {@code *} covers
     * every name except {@code Authorization}, which must be listed by name (Fetch).
     */
    public boolean allowsHeader(String text, int start, int end) {
        int length = end - start;
        for (String allowed : headerNames) {
            if (allowed.length() == length && text.regionMatches(true, start, allowed, 0, length)) {
                return true;
            }
        }
        return anyHeader && !(length == 13 && text.regionMatches(true, start, "authorization", 0, 13));
    }

    @Override
    public String toString() {
        return name;
    }
}
