package io.corsagent.cors;

import io.corsagent.bridge.CorsExchange;
import io.corsagent.bridge.FollowedChains;
import io.corsagent.policy.CorsRule;
import io.corsagent.policy.Mode;

/**
 * One request's decision, bound to the engine (one policy snapshot, one mode) that made it: a policy swapped in
 * while the request runs never changes what its response gets.
 *
 * <p>Arrays returned by {@link #answerHeaders()} and {@link #commitHeaders} may be shared between requests:
 * callers read them and must never modify them.
 */
public final class PolicyExchange extends CorsExchange implements CorsDecision {

    private static final String[] NONE = new String[0];
    private static final String[] VARY_ORIGIN = {HeaderNames.VARY, "Origin"};

    private final Mode mode;
    private final CorsEvents events;
    private final CorsRule rule;
    private final RequestKind kind;
    private final Reason reason;
    private final String reasonDetail;
    private final String origin;
    private final String method;
    private final String requestMethod;
    private final String requestHeaders;
    private final String path;
    /** The policy's {@code Access-Control-*} pairs for the response the application makes (not for answers). */
    private final String[] responseHeaders;
    private final int enforcedStatus;
    private final String[] enforcedHeaders;
    /** For a non-CORS decision (shared by every such request under the rule) its managed sets, else null. */
    private final NotCorsHeaders notCorsHeaders;
    /** The filter chain of a CORS request, created when its first filter runs; never for shared non-CORS ones. */
    private FilterChainTrace chain;
    /** Why the agent may not have put the policy's headers on this CORS request's response, or null. */
    private String unsettledReason;
    /** What the events keep of this request ({@link CorsEvents#decided}); set once, on the request's thread. */
    private Object observation;
    /**
     * Whether this exchange is counted in {@link FollowedChains}: from its decision until its chain was judged. A
     * boolean fits in the padding of the object's layout, so that no exchange is larger for it.
     */
    private volatile boolean followed;

    private PolicyExchange(Mode mode, CorsEvents events, CorsRule rule, RequestKind kind, Reason reason,
                           String reasonDetail, String origin, String method, String requestMethod,
                           String requestHeaders, String path, String[] responseHeaders, int enforcedStatus,
                           String[] enforcedHeaders) {
        // The audit traces the filter chain of CORS requests the application serves only (a non-CORS exchange is shared
        // between requests; no filter runs for one enforce answers), and of those the ones its events ask for.
        super(kind != RequestKind.NOT_CORS && (mode != Mode.ENFORCE || enforcedStatus == 0)
                && events.observesChain(mode));
        this.mode = mode;
        this.events = events;
        this.rule = rule;
        this.kind = kind;
        this.reason = reason;
        this.reasonDetail = reasonDetail;
        this.origin = origin;
        this.method = method;
        this.requestMethod = requestMethod;
        this.requestHeaders = requestHeaders;
        this.path = path;
        this.responseHeaders = responseHeaders;
        this.enforcedStatus = enforcedStatus;
        this.enforcedHeaders = enforcedHeaders;
        this.notCorsHeaders = kind == RequestKind.NOT_CORS ? new NotCorsHeaders(rule, responseHeaders) : null;
        if (observesChain()) {
            followed = true;
            FollowedChains.begin();
        }
    }

    /** The shared decision for every non-CORS request under a rule. */
    static PolicyExchange notCors(Mode mode, CorsEvents events, CorsRule rule) {
        return new PolicyExchange(mode, events, rule, RequestKind.NOT_CORS, Reason.ALLOWED, null, null, null, null,
                null, null, staticHeaders(rule), 0, NONE);
    }

    /** An actual CORS request: the application serves it unless refused under {@code reject-disallowed}. */
    static PolicyExchange actual(Mode mode, CorsEvents events, CorsRule rule, Reason reason, String detail,
                                 String origin, String method, String path) {
        String[] headers;
        int status = 0;
        String[] answer = NONE;
        if (rule.isStaticAnyOrigin()) {
            headers = staticHeaders(rule);
        } else if (reason == Reason.ALLOWED) {
            headers = allowedActualHeaders(rule, origin);
        } else {
            headers = NONE;
            if (rule.rejectsDisallowed()) {
                status = 403;
                answer = varyOnly(rule);
            }
        }
        return new PolicyExchange(mode, events, rule, RequestKind.ACTUAL, reason, detail, origin, method, null, null,
                path, headers, status, answer);
    }

    /** A preflight: enforce answers it itself, 204 or 403. */
    static PolicyExchange preflight(Mode mode, CorsEvents events, CorsRule rule, Reason reason, String detail,
                                    String echoedHeaders, String origin, String requestMethod,
                                    String requestHeaders, String path) {
        String[] answer = reason == Reason.ALLOWED ? preflightHeaders(rule, origin, echoedHeaders) : varyOnly(rule);
        return new PolicyExchange(mode, events, rule, RequestKind.PREFLIGHT, reason, detail, origin, "OPTIONS",
                requestMethod, requestHeaders, path, NONE, reason == Reason.ALLOWED ? 204 : 403, answer);
    }

    private static String[] staticHeaders(CorsRule rule) {
        if (!rule.isStaticAnyOrigin()) {
            return NONE;
        }
        return rule.exposeHeadersValue() == null
                ? new String[] {HeaderNames.ALLOW_ORIGIN, "*"}
                : new String[] {HeaderNames.ALLOW_ORIGIN, "*", HeaderNames.EXPOSE_HEADERS, rule.exposeHeadersValue()};
    }

    private static String[] allowedActualHeaders(CorsRule rule, String origin) {
        int count = 1 + (rule.allowsCredentials() ? 1 : 0) + (rule.exposeHeadersValue() != null ? 1 : 0);
        String[] headers = new String[count * 2];
        int i = 0;
        headers[i++] = HeaderNames.ALLOW_ORIGIN;
        headers[i++] = origin;
        if (rule.allowsCredentials()) {
            headers[i++] = HeaderNames.ALLOW_CREDENTIALS;
            headers[i++] = "true";
        }
        if (rule.exposeHeadersValue() != null) {
            headers[i++] = HeaderNames.EXPOSE_HEADERS;
            headers[i] = rule.exposeHeadersValue();
        }
        return headers;
    }

    private static String[] preflightHeaders(CorsRule rule, String origin, String echoedHeaders) {
        String allowHeaders = rule.allowsAnyHeader() ? echoedHeaders : rule.allowHeadersValue();
        String[] headers = new String[12];
        int i = 0;
        headers[i++] = HeaderNames.ALLOW_ORIGIN;
        headers[i++] = rule.isStaticAnyOrigin() ? "*" : origin;
        if (rule.allowsCredentials()) {
            headers[i++] = HeaderNames.ALLOW_CREDENTIALS;
            headers[i++] = "true";
        }
        if (rule.allowMethodsValue() != null) {
            headers[i++] = HeaderNames.ALLOW_METHODS;
            headers[i++] = rule.allowMethodsValue();
        }
        if (allowHeaders != null) {
            headers[i++] = HeaderNames.ALLOW_HEADERS;
            headers[i++] = allowHeaders;
        }
        headers[i++] = HeaderNames.MAX_AGE;
        headers[i++] = rule.maxAgeValue();
        String vary = preflightVary(rule);
        if (vary != null) {
            headers[i++] = HeaderNames.VARY;
            headers[i++] = vary;
        }
        return java.util.Arrays.copyOf(headers, i);
    }

    /**
     * The request headers an allowed preflight's answer is made of: the Origin it echoes (unless the rule answers
     * {@code *}), and under {@code allowed-headers = *} the {@code Access-Control-Request-Headers} it echoes, so
     * that a cache never hands one request's answer to a request that asked for other headers.
     */
    private static String preflightVary(CorsRule rule) {
        if (!rule.allowsAnyHeader()) {
            return rule.variesByOrigin() ? "Origin" : null;
        }
        return rule.variesByOrigin() ? "Origin, " + HeaderNames.REQUEST_HEADERS : HeaderNames.REQUEST_HEADERS;
    }

    private static String[] varyOnly(CorsRule rule) {
        return rule.variesByOrigin() ? VARY_ORIGIN : NONE;
    }

    // ------------------------------------------------------------------------------------------ CorsExchange

    @Override
    public int answerStatus() {
        return mode == Mode.ENFORCE ? enforcedStatus : 0;
    }

    @Override
    public String[] answerHeaders() {
        return mode == Mode.ENFORCE ? enforcedHeaders : NONE;
    }

    @Override
    public String[] commitHeaders(int status, String[] appHeaders) {
        String[] policyHeaders = policyHeaders(appHeaders);
        if (chain != null && chain.running()) {
            // The filter that committed the response has not returned yet: the chain is judged once it did.
            chain.deferCommit(status, appHeaders);
        } else {
            chainJudged();
        }
        events.committed(this, status, appHeaders, policyHeaders);
        return mode == Mode.ENFORCE ? policyHeaders : null;
    }

    @Override
    public String[] settleHeaders(String[] appHeaders) {
        return mode == Mode.ENFORCE ? policyHeaders(appHeaders) : null;
    }

    /** The managed set enforce gives a response carrying these managed headers, or null to leave them. */
    private String[] policyHeaders(String[] appHeaders) {
        if (enforcedStatus != 0) {
            // Enforce answers this request itself; in audit the application did, and the listener compares.
            return null;
        }
        if (notCorsHeaders != null) {
            return notCorsHeaders.forApp(appHeaders);
        }
        return ManagedHeaders.merge(responseHeaders, rule.variesByOrigin(), appHeaders);
    }

    // ------------------------------------------------------------------------------- filter chain observation

    @Override
    public void filterEntered(Object filter, Object chainObject, Object servletContext) {
        if (observesChain()) {
            trace().entered(filter.getClass().getName(), chainObject == null ? "" : chainObject.getClass().getName(),
                    servletContext);
        }
    }

    @Override
    public void filterExited(int status, String location) {
        if (observesChain()) {
            FilterChainTrace trace = trace();
            trace.exited(status, location);
            if (!trace.running() && trace.deferredStatus() != 0) {
                int committedStatus = trace.deferredStatus();
                String[] committedHeaders = trace.deferredAppHeaders();
                trace.deferCommit(0, null);
                chainJudged();
                events.chainCompleted(this, committedStatus, committedHeaders);
            }
        }
    }

    @Override
    public void chainCalled() {
        if (observesChain()) {
            trace().chainCalled();
        }
    }

    @Override
    public void unsettled(String reason) {
        if (kind != RequestKind.NOT_CORS && unsettledReason == null) {
            unsettledReason = reason;
        }
    }

    // --------------------------------------------------------------------------- traffic summary observation

    @Override
    public Object observation() {
        return observation;
    }

    void observation(Object observation) {
        this.observation = observation;
    }

    @Override
    public boolean observesCredentials() {
        return kind == RequestKind.ACTUAL && events.observesCredentials(this);
    }

    @Override
    public void credentials(boolean carried) {
        if (kind == RequestKind.ACTUAL) {
            events.credentials(this, carried);
        }
    }

    @Override
    public boolean observesResponseFields() {
        return kind == RequestKind.ACTUAL && events.observesResponseFields(this);
    }

    @Override
    public void responseFieldNames(String[] names) {
        if (kind == RequestKind.ACTUAL) {
            events.responseFieldNames(this, names);
        }
    }

    /**
     * The audit has all of this request's chain it will judge: the filter-chain advice need not look for it any more.
     * Told before the events judge it, so that a failing listener cannot leave the gate open.
     */
    private void chainJudged() {
        if (followed && stopFollowing()) {
            FollowedChains.end();
        }
    }

    /** Whether this call ended the following: true once, even for two threads judging the chain at once. */
    private synchronized boolean stopFollowing() {
        boolean was = followed;
        followed = false;
        return was;
    }

    private FilterChainTrace trace() {
        if (chain == null) {
            chain = new FilterChainTrace();
        }
        return chain;
    }

    // ------------------------------------------------------------------------------------------ CorsDecision

    @Override
    public FilterChainTrace chainTrace() {
        return chain;
    }

    @Override
    public String unsettledReason() {
        return unsettledReason;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public RequestKind kind() {
        return kind;
    }

    @Override
    public CorsRule rule() {
        return rule;
    }

    @Override
    public Reason reason() {
        return reason;
    }

    @Override
    public String reasonDetail() {
        return reasonDetail;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String requestMethod() {
        return requestMethod;
    }

    @Override
    public String requestHeaders() {
        return requestHeaders;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int enforcedStatus() {
        return enforcedStatus;
    }

    @Override
    public String[] enforcedHeaders() {
        return enforcedHeaders;
    }

    @Override
    public String toString() {
        return kind + " " + reason + " under " + rule.name();
    }
}
