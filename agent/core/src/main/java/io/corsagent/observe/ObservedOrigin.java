package io.corsagent.observe;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent saw of one origin: how often, when, what its preflights asked for, on which paths, whether its
 * requests carried credentials, which headers the application sent it and how it answered it. Fixed size: every
 * set of names is bounded. Updated by request threads without locks.
 */
final class ObservedOrigin {

    static final int MAX_METHODS = 12;
    static final int MAX_HEADERS = 32;
    static final int MAX_PATHS = 16;
    static final int MAX_EXPOSED = 16;
    static final int MAX_RESPONSE_HEADERS = 32;
    /**
     * An actual request's credentials, and its response's header names, are looked at for each of an origin's first
     * this many actual requests: the summary is learning. Each costs the hook field lookups (two, or a walk over the
     * response's fields), so afterwards only a sample is: {@link #SAMPLE_EVERY}.
     */
    static final int LEARNING = 100;
    /** After learning, one actual request in this many (a power of two) is looked at. */
    static final int SAMPLE_EVERY = 1024;
    /**
     * Response headers never suggested for {@code exposed-headers}: the CORS-safelisted ones, which every page reads
     * anyway; the cookie ones, which no page may ever read; and those of the connection or the server rather than of
     * the app, which some containers have set by the time the response is committed ({@code Date} and {@code Server}
     * on Jetty). Lower case.
     */
    private static final String[] NOT_EXPOSABLE = {"cache-control", "content-language", "content-length",
        "content-type", "expires", "last-modified", "pragma", "set-cookie", "set-cookie2", "date", "server",
        "connection", "keep-alive", "transfer-encoding", "trailer", "upgrade"};
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
    /** Actual requests whose credentials were looked at, and those of them that carried Cookie or Authorization. */
    final LongAdder credentialsChecked = new LongAdder();
    final LongAdder credentialed = new LongAdder();
    /** When a request that carried credentials was first and last seen; 0 before the first. */
    private volatile long credentialedFirst;
    private volatile long credentialedLast;
    /** Responses to actual requests whose header names were looked at. */
    final LongAdder responsesChecked = new LongAdder();
    /** Header names the app sent on those responses, lower-cased, each with the number of responses that had it. */
    final BoundedNames responseHeaders = new BoundedNames(MAX_RESPONSE_HEADERS);
    final AtomicLongArray responseHeaderCounts = new AtomicLongArray(MAX_RESPONSE_HEADERS);
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

    /** Whether to look at this actual request's credentials: while learning, then a sample. Allocates nothing. */
    boolean samplesCredentials() {
        return sampled(credentialsChecked.sum());
    }

    /** Whether to look at the header names of this actual request's response: while learning, then a sample. */
    boolean samplesResponses() {
        return sampled(responsesChecked.sum());
    }

    private boolean sampled(long checked) {
        if (checked < LEARNING) {
            return true;
        }
        // Counts read while other threads add to them: a sample of about one in SAMPLE_EVERY, not an exact one.
        long actual = requests.sum() - preflights.sum();
        return (actual & (SAMPLE_EVERY - 1)) == 0;
    }

    /**
     * Whether an actual request looked at carried credentials.
     *
     * @return whether something new was learnt (the first request with credentials)
     */
    boolean credentials(boolean carried, long now) {
        credentialsChecked.increment();
        if (!carried) {
            return false;
        }
        credentialed.increment();
        if (credentialedFirst == 0) {
            credentialedFirst = now;
            credentialedLast = now;
            return true;
        }
        if (now - credentialedLast >= LAST_SEEN_GRANULARITY_MILLIS) {
            credentialedLast = now;
        }
        return false;
    }

    /**
     * The names of the header fields of a response looked at (the managed ones aside). Names never exposable are
     * skipped; names no app sends (too long, not a token) are kept out, marking the set incomplete.
     *
     * @return whether something new was learnt (a name)
     */
    boolean responseFields(String[] names) {
        responsesChecked.increment();
        boolean learnt = false;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name == null || name.isEmpty() || isNotExposable(name) || repeated(names, i)) {
                continue;
            }
            int slot = responseHeaders.indexOfIgnoreCase(name);
            if (slot < 0) {
                if (name.length() > MAX_NAME_LENGTH || !isToken(name)) {
                    responseHeaders.leftOut();
                    continue;
                }
                learnt |= responseHeaders.add(name.toLowerCase(Locale.ROOT));
                slot = responseHeaders.indexOfIgnoreCase(name);
            }
            if (slot >= 0) {
                responseHeaderCounts.incrementAndGet(slot);
            }
        }
        return learnt;
    }

    private static boolean isNotExposable(String name) {
        for (String never : NOT_EXPOSABLE) {
            if (never.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a field of that name came earlier in the response: a response counts once per name. */
    private static boolean repeated(String[] names, int index) {
        for (int i = 0; i < index; i++) {
            if (names[index].equalsIgnoreCase(names[i])) {
                return true;
            }
        }
        return false;
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

    long credentialedFirst() {
        return credentialedFirst;
    }

    long credentialedLast() {
        return credentialedLast;
    }

    boolean appCredentials() {
        return appCredentials;
    }
}
