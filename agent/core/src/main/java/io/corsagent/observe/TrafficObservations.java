package io.corsagent.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.corsagent.audit.Finding;
import io.corsagent.audit.LogSink;
import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.RequestKind;
import io.corsagent.log.JsonLinesWriter;
import io.corsagent.policy.SerializedOrigin;
import io.corsagent.testing.TestSwitches;

/**
 * The bounded summary of the CORS traffic the agent saw, in every mode, from which {@code cors-agent suggest} writes
 * a policy: per origin, how often and when, what its preflights asked for, the paths it called, whether its requests
 * carried credentials, the response headers the application sent it, and how it answered it (see
 * {@link ObservedOrigin}).
 *
 * <p>Only CORS requests are recorded. An origin seen before costs one lock-free map lookup per request (the decision
 * keeps what it found for the calls after it), a few counter increments and slot scans; nothing allocates unless
 * something new is learnt. Whether a request carried credentials and which headers its response had cost the hook
 * extra field lookups, so they are looked at while an origin's summary is learning, then for a sample
 * ({@link ObservedOrigin#LEARNING}). At most {@link #MAX_ORIGINS} origins are kept; requests from further origins
 * are only counted ({@code others}), so random hostile origins grow neither memory nor the log.
 *
 * <p>The agent's thread calls {@link #publish()}: it puts the summary in the system property {@value #PROPERTY}
 * (read from outside by {@code suggest <pid>}, like the status) and writes it to the log as an {@code observed}
 * line (read by {@code suggest --from-log}): at most once a minute while new things are learnt, at most once an
 * hour when only counts grew.
 */
public final class TrafficObservations {

    public static final String PROPERTY = "cors-agent.observed";
    public static final String FINDING = "observed";
    /** The snapshot's format version, which readers check. */
    public static final int VERSION = 2;

    static final int MAX_ORIGINS = 1000;
    /** Origins in a log line: the most frequent ones; random hostile origins are seen once each and never make it. */
    static final int LOG_ORIGINS = 200;
    static final long PROPERTY_MILLIS = 5_000;
    /** A minute, but for tests ({@link TestSwitches#observedMillis}). */
    static final long LEARNT_MILLIS = TestSwitches.observedMillis();
    static final long COUNTS_MILLIS = 3_600_000;

    private final LogSink sink;
    private final LongSupplier clock;
    private final long since;
    private final ConcurrentHashMap<String, ObservedOrigin> origins = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    /** CORS requests from origins beyond {@link #MAX_ORIGINS}. */
    private final LongAdder others = new LongAdder();
    /** CORS requests whose Origin is no serialized origin (malformed, several values). */
    private final LongAdder malformed = new LongAdder();
    private final LongAdder requests = new LongAdder();
    /** Grows whenever an origin, method, header, path or app answer is learnt. */
    private final AtomicLong learnt = new AtomicLong();
    /** Whether a policy in effect listed origins (rather than none, or {@code *}): it said whose traffic it expects. */
    private volatile boolean policyNamesOrigins;

    // Publishing state, the agent thread's only.
    private long propertyAt = Long.MIN_VALUE / 2;
    private long propertyRequests;
    private long propertyLearnt;
    private long loggedAt = Long.MIN_VALUE / 2;
    private long loggedRequests;
    private long loggedLearnt;

    public TrafficObservations(LogSink sink) {
        this(sink, System::currentTimeMillis);
    }

    TrafficObservations(LogSink sink, LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
        this.since = clock.getAsLong();
    }

    /**
     * A request decided at the container's entry: recorded when it is a CORS one. Never throws on odd input.
     *
     * @return the summary of its origin, for the decision to keep ({@link CorsDecision#observation()}): the calls
     *         below about the same request take it from there instead of looking the origin up again; {@code null}
     *         when the origin is not kept
     */
    public ObservedOrigin decided(CorsDecision decision) {
        RequestKind kind = decision.kind();
        if (kind == RequestKind.NOT_CORS) {
            return null;
        }
        requests.increment();
        ObservedOrigin observed = find(decision);
        if (observed != null && observed.request(kind == RequestKind.PREFLIGHT, decision.method(),
                decision.requestMethod(), decision.requestHeaders(), decision.path(), decision.allowed(),
                clock.getAsLong())) {
            learnt.incrementAndGet();
        }
        return observed;
    }

    /** The app's response to a CORS request: its own CORS headers, if any, tell how it answers that origin today. */
    public void committed(CorsDecision decision, String[] appHeaders) {
        if (appHeaders.length == 0) {
            return;
        }
        ObservedOrigin observed = actualOrigin(decision);
        if (observed == null) {
            return;
        }
        String allowOrigin = null;
        String allowCredentials = null;
        String exposeHeaders = null;
        for (int i = 0; i + 1 < appHeaders.length; i += 2) {
            String name = appHeaders[i];
            if (name.equalsIgnoreCase("Access-Control-Allow-Origin")) {
                allowOrigin = appHeaders[i + 1];
            } else if (name.equalsIgnoreCase("Access-Control-Allow-Credentials")) {
                allowCredentials = appHeaders[i + 1];
            } else if (name.equalsIgnoreCase("Access-Control-Expose-Headers")) {
                exposeHeaders = appHeaders[i + 1];
            }
        }
        if (observed.answered(allowOrigin, allowCredentials, exposeHeaders)) {
            learnt.incrementAndGet();
        }
    }

    /**
     * Whether the hook should look for this actual CORS request's credentials: only while its origin's summary is
     * learning, then for a sample ({@link ObservedOrigin#LEARNING}). A map lookup; allocates nothing.
     */
    public boolean observesCredentials(CorsDecision decision) {
        ObservedOrigin observed = actualOrigin(decision);
        return observed != null && observed.samplesCredentials();
    }

    /** Whether the actual CORS request carried {@code Cookie} or {@code Authorization}. */
    public void credentials(CorsDecision decision, boolean carried) {
        ObservedOrigin observed = actualOrigin(decision);
        if (observed != null && observed.credentials(carried, clock.getAsLong())) {
            learnt.incrementAndGet();
        }
    }

    /** Whether the hook should pass the names of this response's header fields: as {@link #observesCredentials}. */
    public boolean observesResponseFields(CorsDecision decision) {
        ObservedOrigin observed = actualOrigin(decision);
        return observed != null && observed.samplesResponses();
    }

    /** The names of the header fields (the managed ones aside) of the response to an actual CORS request. */
    public void responseFieldNames(CorsDecision decision, String[] names) {
        ObservedOrigin observed = actualOrigin(decision);
        if (observed != null && observed.responseFields(names)) {
            learnt.incrementAndGet();
        }
    }

    /** The summary of an actual CORS request's origin, if it is kept: the one {@link #decided} returned. */
    private static ObservedOrigin actualOrigin(CorsDecision decision) {
        Object observed = decision.observation();
        return decision.kind() == RequestKind.ACTUAL && observed instanceof ObservedOrigin
                ? (ObservedOrigin) observed : null;
    }

    private ObservedOrigin find(CorsDecision decision) {
        String origin = decision.origin();
        ObservedOrigin observed = origins.get(origin);
        if (observed != null) {
            return observed;
        }
        if (!origin.equals("null") && SerializedOrigin.parse(origin) < 0) {
            malformed.increment();
            return null;
        }
        if (size.incrementAndGet() > MAX_ORIGINS) {
            size.decrementAndGet();
            others.increment();
            return null;
        }
        if (!policyNamesOrigins && !decision.rule().origins().isEmpty() && !decision.rule().origins().allowsAny()) {
            policyNamesOrigins = true;
        }
        ObservedOrigin fresh = new ObservedOrigin(origin, clock.getAsLong());
        ObservedOrigin raced = origins.putIfAbsent(origin, fresh);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        learnt.incrementAndGet();
        return fresh;
    }

    /** Distinct origins kept. */
    public int origins() {
        return size.get();
    }

    /** CORS requests from origins beyond the cap, only counted. */
    public long others() {
        return others.sum();
    }

    /**
     * Publishes the summary where it is due: the system property, and the log line. Call from the agent's thread,
     * never from a request.
     */
    public synchronized void publish() {
        long now = clock.getAsLong();
        long seen = requests.sum();
        long known = learnt.get();
        if ((seen != propertyRequests || known != propertyLearnt) && now - propertyAt >= PROPERTY_MILLIS) {
            System.setProperty(PROPERTY, snapshot(MAX_ORIGINS));
            propertyAt = now;
            propertyRequests = seen;
            propertyLearnt = known;
        }
        boolean due = known != loggedLearnt ? now - loggedAt >= LEARNT_MILLIS
                : seen != loggedRequests && now - loggedAt >= COUNTS_MILLIS;
        if (due) {
            loggedAt = now;
            loggedRequests = seen;
            loggedLearnt = known;
            sink.write(Finding.of(FINDING, Finding.Severity.INFO, null)
                    .field(FINDING, snapshot(LOG_ORIGINS))
                    .message("CORS traffic seen since the start: " + seen + " request(s) from " + size.get()
                            + " origin(s)" + (others.sum() > 0 ? " and " + others.sum() + " from origins beyond the"
                            + " limit of " + MAX_ORIGINS : "")
                            + "; 'java -jar cors-agent.jar suggest --from-log' turns it into a policy"));
        }
    }

    /**
     * The summary as one JSON object: {@code version}, {@code since}, {@code at}, {@code requests}, {@code others},
     * {@code malformed}, {@code policyNamesOrigins}, and {@code origins}, the {@code limit} most frequent ones.
     */
    public String snapshot(int limit) {
        List<ObservedOrigin> all = new ArrayList<>(origins.values());
        all.sort(Comparator.comparingLong((ObservedOrigin o) -> o.requests.sum()).reversed());
        long left = others.sum();
        for (int i = limit; i < all.size(); i++) {
            left += all.get(i).requests.sum();
        }
        StringBuilder json = new StringBuilder(256 + 256 * Math.min(limit, all.size()));
        json.append("{\"version\":").append(VERSION)
                .append(",\"since\":").append(since)
                .append(",\"at\":").append(clock.getAsLong())
                .append(",\"requests\":").append(requests.sum())
                .append(",\"others\":").append(left)
                .append(",\"malformed\":").append(malformed.sum())
                .append(",\"policyNamesOrigins\":").append(policyNamesOrigins)
                .append(",\"origins\":[");
        for (int i = 0; i < all.size() && i < limit; i++) {
            if (i > 0) {
                json.append(',');
            }
            write(json, all.get(i));
        }
        return json.append("]}").toString();
    }

    private static void write(StringBuilder json, ObservedOrigin o) {
        json.append("{\"origin\":");
        JsonLinesWriter.quote(json, o.origin);
        json.append(",\"requests\":").append(o.requests.sum())
                .append(",\"preflights\":").append(o.preflights.sum())
                .append(",\"first\":").append(o.firstSeen)
                .append(",\"last\":").append(o.lastSeen())
                .append(",\"allowedByPolicy\":").append(o.allowedByPolicy.sum())
                .append(",\"appAllowed\":").append(o.appAllowed.sum())
                .append(",\"reflected\":").append(o.reflected.sum())
                .append(",\"appCredentials\":").append(o.appCredentials());
        names(json, "preflightMethods", o.preflightMethods);
        names(json, "actualMethods", o.actualMethods);
        names(json, "requestedHeaders", o.requestedHeaders);
        names(json, "paths", o.paths);
        names(json, "appExposed", o.exposedByApp);
        json.append(",\"credentialsChecked\":").append(o.credentialsChecked.sum())
                .append(",\"credentialed\":").append(o.credentialed.sum())
                .append(",\"credentialedFirst\":").append(o.credentialedFirst())
                .append(",\"credentialedLast\":").append(o.credentialedLast())
                .append(",\"responsesChecked\":").append(o.responsesChecked.sum())
                .append(",\"responseHeaders\":{");
        List<String> sent = o.responseHeaders.names();
        for (int i = 0; i < sent.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonLinesWriter.quote(json, sent.get(i));
            json.append(':').append(o.responseHeaderCounts.get(i));
        }
        json.append('}');
        if (o.responseHeaders.incomplete()) {
            json.append(",\"responseHeadersIncomplete\":true");
        }
        json.append('}');
    }

    /** {@code "name":[...]}, and {@code "nameIncomplete":true} when names were left out. */
    private static void names(StringBuilder json, String field, BoundedNames names) {
        json.append(",\"").append(field).append("\":[");
        List<String> kept = names.names();
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonLinesWriter.quote(json, kept.get(i));
        }
        json.append(']');
        if (names.incomplete()) {
            json.append(",\"").append(field).append("Incomplete\":true");
        }
    }
}
