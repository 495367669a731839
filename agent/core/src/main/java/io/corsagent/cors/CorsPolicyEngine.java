package io.corsagent.cors;

import io.corsagent.bridge.CorsEngine;
import io.corsagent.policy.CorsRule;
import io.corsagent.policy.HttpTokens;
import io.corsagent.policy.Mode;
import io.corsagent.policy.Policy;
import io.corsagent.policy.SerializedOrigin;

/**
 * The CORS decision (docs/DESIGN.md section 2) for one policy and one mode: request facts in, a {@link PolicyExchange}
 * out. Immutable: a new policy or mode means a new engine, installed into the bridge in one step.
 *
 * <p>Non-CORS requests are decided with preallocated exchanges, one per rule, and cost no allocation.
 */
public final class CorsPolicyEngine implements CorsEngine {

    /** Length kept of attacker-controlled values quoted in a refusal's detail. */
    private static final int MAX_DETAIL = 100;

    private final Policy policy;
    private final Mode mode;
    private final CorsEvents events;
    private final PolicyExchange[] notCors;

    /**
     * @param policy        a loaded, valid policy
     * @param effectiveMode the mode in force (the policy's own, or one given on the command line)
     * @param events        where decisions are reported; {@link CorsEvents#NONE} for nowhere
     */
    public CorsPolicyEngine(Policy policy, Mode effectiveMode, CorsEvents events) {
        this.policy = policy;
        this.mode = effectiveMode;
        this.events = events;
        this.notCors = new PolicyExchange[policy.ruleCount()];
        for (int i = 0; i < notCors.length; i++) {
            notCors[i] = PolicyExchange.notCors(effectiveMode, events, policy.rule(i));
        }
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public PolicyExchange enter(String method, String origin, String requestMethod, String requestHeaders,
                                String scheme, String host, int port, String path) {
        PolicyExchange exchange = decide(method, origin, requestMethod, requestHeaders, scheme, host, port, path);
        Object observation = events.decided(exchange);
        if (exchange.kind() != RequestKind.NOT_CORS) {
            exchange.observation(observation);
        }
        return exchange;
    }

    private PolicyExchange decide(String method, String origin, String requestMethod, String requestHeaders,
                                  String scheme, String host, int port, String path) {
        if (origin == null) {
            return notCors[policy.ruleIndexFor(path)];
        }
        // Parsing first bounds the cost of a hostile value: it gives up on anything longer than an origin can be.
        long parsed = SerializedOrigin.parse(origin);
        if (parsed >= 0 && (SerializedOrigin.isSameOrigin(origin, parsed, scheme, host, port)
                || policy.isPublicOrigin(origin, parsed, host))) {
            return notCors[policy.ruleIndexFor(path)];
        }
        CorsRule rule = policy.ruleFor(path);
        Reason originCheck = rule.origins().allows(origin, parsed) ? Reason.ALLOWED
                : origin.indexOf(',') >= 0 ? Reason.ORIGIN_MULTIPLE
                : parsed < 0 && !origin.equals("null") ? Reason.ORIGIN_MALFORMED
                : Reason.ORIGIN_NOT_ALLOWED;
        String originDetail = originCheck == Reason.ALLOWED ? null : bounded(origin);

        if (!"OPTIONS".equals(method) || requestMethod == null) {
            if (rule.isStaticAnyOrigin()) {
                // Access-Control-Allow-Origin: * echoes nothing, and is on every response under the rule.
                originCheck = Reason.ALLOWED;
                originDetail = null;
            }
            return PolicyExchange.actual(mode, events, rule, originCheck, originDetail, origin, method, path);
        }
        if (originCheck != Reason.ALLOWED) {
            return PolicyExchange.preflight(mode, events, rule, originCheck, originDetail, null, origin,
                    requestMethod, requestHeaders, path);
        }
        String requested = requestMethod.trim();
        if (requested.isEmpty()) {
            return PolicyExchange.preflight(mode, events, rule, Reason.METHOD_EMPTY, null, null, origin,
                    requestMethod, requestHeaders, path);
        }
        if (!HttpTokens.isToken(requested) || !rule.allowsMethod(requested)) {
            return PolicyExchange.preflight(mode, events, rule, Reason.METHOD_NOT_ALLOWED, bounded(requested), null,
                    origin, requestMethod, requestHeaders, path);
        }
        String echo = null;
        if (requestHeaders != null) {
            RequestedHeaders.Outcome headers = RequestedHeaders.check(requestHeaders, rule);
            if (headers.reason != Reason.ALLOWED) {
                return PolicyExchange.preflight(mode, events, rule, headers.reason, headers.detail, null, origin,
                        requestMethod, requestHeaders, path);
            }
            echo = headers.echo;
        }
        return PolicyExchange.preflight(mode, events, rule, Reason.ALLOWED, null, echo, origin, requestMethod,
                requestHeaders, path);
    }

    @Override
    public void failed(String hook, Throwable error) {
        try {
            events.failed(hook, error);
        } catch (RuntimeException | LinkageError ignored) {
            // A listener that fails while reporting a failure has nowhere left to report to.
        }
    }

    private static String bounded(String value) {
        return value.length() <= MAX_DETAIL ? value : value.substring(0, MAX_DETAIL) + "...";
    }
}
