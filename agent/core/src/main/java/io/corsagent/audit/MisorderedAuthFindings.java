package io.corsagent.audit;

import java.util.Locale;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.ManagedHeaders;
import io.corsagent.cors.RequestKind;

/**
 * Misordered authentication (docs/DESIGN.md section 5): a CORS request rejected with 401 or 403, or redirected to a
 * login page, by a filter or by container security before any CORS handling ran. Browsers send preflights without
 * credentials, so an auth filter ahead of the CORS handling fails every preflighted call.
 *
 * <p>In audit and off mode the symptom shows on preflights the app rejects. In enforce mode preflights never reach
 * the app; there the chain itself shows it: a filter seen rejecting a CORS request ahead of a CORS filter of the
 * app, or a well-known auth filter (Spring Security, Shiro, Keycloak) that runs ahead of one.
 *
 * <p>One warning per distinct (culprit, path rule).
 */
final class MisorderedAuthFindings {

    static final String CONTAINER = "container-security";

    private final FindingLog log;

    MisorderedAuthFindings(FindingLog log) {
        this.log = log;
    }

    void check(CorsDecision decision, int status, String[] appHeaders) {
        if (decision.kind() == RequestKind.NOT_CORS || !decision.allowed() || !ManagedHeaders.hasNoCorsHeaders(appHeaders)) {
            // Not CORS; or a request the policy refuses anyway, so its rejection breaks nothing; or someone's CORS
            // handling answered, so whatever rejected the request ran after it.
            return;
        }
        FilterChainTrace trace = decision.chainTrace();
        if (trace == null || trace.chainCalls() == 0) {
            if ((status == 401 || status == 403) && trace == null) {
                rejectedByContainer(decision, status);
            }
            return;
        }
        int stopper = trace.stopper();
        if (stopper >= 0 && rejects(decision, status, trace)
                && KnownFilters.corsFilter(trace.filter(stopper)) == null && !corsFilterRanBefore(trace, stopper)) {
            rejectedByFilter(decision, status, trace, stopper);
        } else if (RequestText.enforces(decision)) {
            knownAuthFilterAhead(decision, trace);
        }
    }

    /** 401, 403, or a redirect: any for a preflight (browsers fail a redirected preflight), to a login page else. */
    private static boolean rejects(CorsDecision decision, int status, FilterChainTrace trace) {
        if (status == 401 || status == 403) {
            return true;
        }
        if (status < 300 || status > 399 || status == 304) {
            return false;
        }
        if (decision.kind() == RequestKind.PREFLIGHT) {
            return true;
        }
        String location = trace.redirectLocation();
        return location != null && isLoginPage(location);
    }

    static boolean isLoginPage(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.contains("login") || lower.contains("logon") || lower.contains("signin")
                || lower.contains("sign-in") || lower.contains("auth") || lower.contains("sso");
    }

    private static boolean corsFilterRanBefore(FilterChainTrace trace, int frame) {
        for (int i = 0; i < frame; i++) {
            if (KnownFilters.corsFilter(trace.filter(i)) != null) {
                return true;
            }
        }
        return false;
    }

    private void rejectedByContainer(CorsDecision decision, int status) {
        if (decision.kind() != RequestKind.PREFLIGHT || RequestText.enforces(decision)) {
            // An actual request the container's security rejects is authentication doing its job; enforce mode
            // puts the CORS headers on that 401 so the frontend can read it.
            return;
        }
        String rule = decision.rule().name();
        log.report("misordered-auth|" + rule + "|" + CONTAINER, decision.origin(),
                () -> Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                        .field("culprit", CONTAINER)
                        .field("method", decision.method())
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("status", status)
                        .message("the container's security constraint rejected " + RequestText.describe(decision)
                                + " with " + status + " before any filter of the app ran, CORS filters included. "
                                + wouldAnswer(decision, "container security")
                                + " Fix: exclude OPTIONS from the security constraint"
                                + " (<http-method-omission>OPTIONS</http-method-omission> in its"
                                + " web-resource-collection), so that preflights reach the CORS handling."));
    }

    private void rejectedByFilter(CorsDecision decision, int status, FilterChainTrace trace, int culprit) {
        CorsFiltersAhead corsFilters = CorsFiltersAhead.of(decision, trace, culprit);
        if (decision.kind() != RequestKind.PREFLIGHT && corsFilters.noneOnPath()) {
            // An actual request rejected where no CORS filter would run: authentication doing its job.
            return;
        }
        String className = trace.filter(culprit);
        String rule = decision.rule().name();
        log.report("misordered-auth|" + rule + "|" + className, decision.origin(), () -> {
            String outcome = status >= 300 && status < 400
                    ? "redirected " + RequestText.describe(decision) + " to a login page (" + status
                    + (trace.redirectLocation() == null ? "" : " to " + RequestText.bounded(trace.redirectLocation()))
                    + ")"
                    : "rejected " + RequestText.describe(decision) + " with " + status;
            return Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                    .field("culprit", className)
                    .field("position", position(trace, culprit))
                    .field("corsFilter", corsFilters.field())
                    .field("method", decision.method())
                    .field("path", decision.path())
                    .field("origin", RequestText.bounded(decision.origin()))
                    .field("status", status)
                    .message(className + " (" + position(trace, culprit) + ") " + outcome
                            + " before any CORS handling ran, " + corsFilters.clause() + ". "
                            + (decision.kind() == RequestKind.PREFLIGHT
                            ? wouldAnswer(decision, RequestText.simpleName(className))
                            : enforceCovers(decision))
                            + " Fix: " + fix(trace, culprit));
        });
    }

    /** Enforce mode only: a well-known auth filter that ran ahead of a CORS filter of the app. */
    private void knownAuthFilterAhead(CorsDecision decision, FilterChainTrace trace) {
        for (int auth = 0; auth < trace.frames(); auth++) {
            if (!KnownFilters.isAuthFilter(trace.filter(auth))) {
                continue;
            }
            for (int cors = auth + 1; cors < trace.frames(); cors++) {
                String corsFilter = KnownFilters.corsFilter(trace.filter(cors));
                if (corsFilter == null) {
                    continue;
                }
                String className = trace.filter(auth);
                String corsClass = trace.filter(cors);
                int authFrame = auth;
                String rule = decision.rule().name();
                log.report("misordered-auth|" + rule + "|" + className, decision.origin(),
                        () -> Finding.of("misordered-auth", Finding.Severity.WARN, rule)
                                .field("culprit", className)
                                .field("position", position(trace, authFrame))
                                .field("corsFilter", corsFilter + " (" + corsClass + ")")
                                .field("method", decision.method())
                                .field("path", decision.path())
                                .field("origin", RequestText.bounded(decision.origin()))
                                .message(className + " (" + position(trace, authFrame) + "), an authentication filter,"
                                        + " runs ahead of " + corsFilter + " (" + corsClass + ") on "
                                        + RequestText.describe(decision) + ", so it would reject preflights, which"
                                        + " carry no credentials. " + enforceCovers(decision)
                                        + " Fix: " + fix(trace, authFrame)));
                return;
            }
        }
    }

    /** {@code filter 1 of the filter chain}, or where an inner chain's filter runs. */
    static String position(FilterChainTrace trace, int frame) {
        int parent = trace.parent(frame);
        if (parent < 0) {
            return "filter " + trace.position(frame) + " of the filter chain";
        }
        return "filter " + trace.position(frame) + " of the inner chain of " + trace.filter(parent) + ", "
                + position(trace, parent);
    }

    private static String fix(FilterChainTrace trace, int frame) {
        String culprit = RequestText.simpleName(trace.filter(frame));
        int parent = trace.parent(frame);
        if (parent >= 0) {
            return "run the CORS handling inside " + RequestText.simpleName(trace.filter(parent)) + " ahead of "
                    + culprit + " (Spring Security: http.cors()), or let OPTIONS preflights through " + culprit
                    + " unauthenticated.";
        }
        return "map the CORS filter ahead of " + culprit + ", or let OPTIONS preflights through " + culprit
                + " unauthenticated.";
    }

    private static String wouldAnswer(CorsDecision decision, String culprit) {
        return "Enforce mode would answer this preflight itself (204) before "
                + culprit + " sees it.";
    }

    private static String enforceCovers(CorsDecision decision) {
        return RequestText.enforces(decision)
                ? "The agent answers preflights before any filter runs and puts the policy's CORS headers on this"
                + " response, so browsers are served; the app's own configuration is still misordered."
                : "Enforce mode would answer preflights before any filter runs and put the policy's CORS headers"
                + " on this response.";
    }
}
