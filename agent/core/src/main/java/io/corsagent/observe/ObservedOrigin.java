package io.corsagent.observe;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent saw of one origin: how often, when, what its preflights asked for, on which paths, and how the
 * application answered it. Fixed size: every set of names is bounded. Updated by request threads without locks.
 */
final class ObservedOrigin {

    static final int MAX_METHODS = 12;
    static final int MAX_HEADERS = 32;
    static final int MAX_PATHS = 16;
    static final int MAX_EXPOSED = 16;
    /** Longest header name or method kept; longer ones are hostile or broken, and counted as overflow. */
    static final int MAX_NAME_LENGTH = 64;
    /** The last-seen time is written at most this often, so that busy origins do not write it on every request. */
    private static final long LAST_SEEN_GRANULARITY_MILLIS = 1000;

    final String origin;
    final long firstSeen;
    private volatile long lastSeen;
    final LongAdder requests = new LongAdder();
    final LongAdder preflights = new LongAdder();
    final LongAdder allowedByPolicy = new LongAdder();
    /** Actual requests whose response carried the request's own Origin as the app's Access-Control-Allow-Origin. */
    final LongAdder reflected = new LongAdder();
    /** Actual requests answered by the app with any Access-Control-Allow-Origin (its own CORS handling). */
    final LongAdder appAllowed = new LongAdder();
    final BoundedNames preflightMethods = new BoundedNames(MAX_METHODS);
    final BoundedNames actualMethods = new BoundedNames(MAX_METHODS);
    final BoundedNames requestedHeaders = new BoundedNames(MAX_HEADERS);
    final BoundedNames paths = new BoundedNames(MAX_PATHS);
    final BoundedNames exposedByApp = new BoundedNames(MAX_EXPOSED);
    /** The app answered this origin with {@code Access-Control-Allow-Credentials: true}. */
    private volatile boolean appCredentials;
    /** The last Access-Control-Request-Headers value parsed: a client repeats the same one. */
    private volatile String lastRequestHeaders;

    ObservedOrigin(String origin, long now) {
        this.origin = origin;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    /** @return whether something new (a method, header or path) was learnt */
    boolean request(boolean preflight, String method, String requestMethod, String requestHeaders, String path,
                    boolean allowed, long now) {
        requests.increment();
        if (now - lastSeen >= LAST_SEEN_GRANULARITY_MILLIS) {
            lastSeen = now;
        }
        if (allowed) {
            allowedByPolicy.increment();
        }
        boolean learnt = addPath(path);
        if (preflight) {
            preflights.increment();
            learnt |= addName(preflightMethods, requestMethod == null ? null : requestMethod.trim(), false);
            learnt |= addHeaders(requestHeaders);
        } else {
            learnt |= addName(actualMethods, method, false);
        }
        return learnt;
    }

    /**
     * The application's own CORS headers on an actual response to this origin.
     *
     * @return whether something new was learnt
     */
    boolean answered(String allowOrigin, String allowCredentials, String exposeHeaders) {
        boolean learnt = false;
        if (allowOrigin != null) {
            appAllowed.increment();
            if (allowOrigin.equals(origin)) {
                reflected.increment();
            }
        }
        if (allowCredentials != null && !appCredentials && allowCredentials.trim().equalsIgnoreCase("true")) {
            appCredentials = true;
            learnt = true;
        }
        if (exposeHeaders != null) {
            for (String name : exposeHeaders.split(",")) {
                learnt |= addName(exposedByApp, name.trim(), true);
            }
        }
        return learnt;
    }

    private boolean addHeaders(String requestHeaders) {
        if (requestHeaders == null || requestHeaders.equals(lastRequestHeaders)) {
            return false;
        }
        lastRequestHeaders = requestHeaders.length() <= MAX_HEADERS * MAX_NAME_LENGTH ? requestHeaders : null;
        boolean learnt = false;
        int start = 0;
        while (start <= requestHeaders.length()) {
            int comma = requestHeaders.indexOf(',', start);
            int end = comma < 0 ? requestHeaders.length() : comma;
            learnt |= addName(requestedHeaders, requestHeaders.substring(start, end).trim(), true);
            if (requestedHeaders.incomplete()) {
                break;
            }
            start = end + 1;
        }
        return learnt;
    }

    private static boolean addName(BoundedNames names, String name, boolean lowerCase) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (name.length() > MAX_NAME_LENGTH || !isToken(name)) {
            // Not a method or header name a browser sends: kept out, but the set says something was left out.
            names.leftOut();
            return false;
        }
        if (names.contains(name)) {
            return false;
        }
        return names.add(lowerCase ? name.toLowerCase(Locale.ROOT) : name);
    }

    /** The path's first two segments ({@code /api/orders} of {@code /api/orders/42}), without allocating when known. */
    private boolean addPath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int end = path.indexOf('/', 1);
        if (end > 0) {
            int second = path.indexOf('/', end + 1);
            end = second < 0 ? (end + 1 == path.length() ? end : path.length()) : second;
        } else {
            end = path.length();
        }
        if (end > 2 * MAX_NAME_LENGTH) {
            end = 2 * MAX_NAME_LENGTH;
        }
        if (paths.containsPrefix(path, end)) {
            return false;
        }
        return paths.add(path.substring(0, end));
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    long lastSeen() {
        return lastSeen;
    }

    boolean appCredentials() {
        return appCredentials;
    }
}
