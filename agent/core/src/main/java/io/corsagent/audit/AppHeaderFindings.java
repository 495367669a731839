package io.corsagent.audit;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.ManagedHeaders;
import io.corsagent.cors.Reason;

/**
 * Unsafe CORS headers the app sends itself: it reflects an origin the policy does not allow (so it reflects any),
 * {@code Access-Control-Allow-Origin: *} with credentials (browsers refuse it), or an Allow-Origin that depends on
 * the request without {@code Vary: Origin} (caches hand one origin's answer to another).
 */
final class AppHeaderFindings {

    private final FindingLog log;
    private final FindingKeys wildcardWithCredentials = new FindingKeys("app-wildcard-with-credentials");
    private final FindingKeys reflectsOrigin = new FindingKeys("app-reflects-origin");
    private final FindingKeys missingVary = new FindingKeys("app-missing-vary");

    AppHeaderFindings(FindingLog log) {
        this.log = log;
    }

    void check(CorsDecision decision, int status, String[] appHeaders) {
        String allowOrigin = HeaderPairs.value(appHeaders, "Access-Control-Allow-Origin");
        if (allowOrigin == null) {
            return;
        }
        boolean credentials = "true".equalsIgnoreCase(HeaderPairs.value(appHeaders, "Access-Control-Allow-Credentials"));
        if (allowOrigin.equals("*")) {
            if (credentials) {
                report(decision, wildcardWithCredentials, status, credentials);
            }
            return;
        }
        if (allowOrigin.equals(decision.origin()) && decision.reason().check() == Reason.Check.ORIGIN) {
            report(decision, reflectsOrigin, status, credentials);
        }
        if (!ManagedHeaders.varyNamesOrigin(appHeaders)) {
            report(decision, missingVary, status, credentials);
        }
    }

    /** Counts a finding seen before by its cached key; builds the text only for one that is logged. */
    private void report(CorsDecision decision, FindingKeys keys, int status, boolean credentials) {
        String rule = decision.rule().name();
        String key = keys.of(rule, "");
        if (log.repeated(key, decision.origin())) {
            return;
        }
        log.report(key, decision.origin(),
                () -> Finding.of(keys.kind(), Finding.Severity.WARN, rule)
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("status", status)
                        .message(problem(keys.kind(), credentials) + " (" + RequestText.describe(decision)
                                + ", status " + status + "). " + consequence(decision)));
    }

    private static String consequence(CorsDecision decision) {
        if (!RequestText.enforces(decision)) {
            return "Enforce mode replaces the app's CORS headers with the policy's.";
        }
        return decision.unsettledReason() == null ? "The agent replaces the app's CORS headers with the policy's."
                : RequestText.unsettled(decision, "replaced them: this response may carry them as the app set them");
    }

    private static String problem(String kind, boolean credentials) {
        switch (kind) {
            case "app-wildcard-with-credentials":
                return "the app sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true,"
                        + " which browsers refuse for credentialed requests";
            case "app-reflects-origin":
                return "the app reflects the request's Origin into Access-Control-Allow-Origin"
                        + (credentials ? " with Access-Control-Allow-Credentials: true" : "")
                        + " for an origin the policy does not allow, so any website can read its responses"
                        + (credentials ? " with the user's cookies" : "");
            default:
                return "the app sends an Access-Control-Allow-Origin that depends on the request without Vary: Origin,"
                        + " so a cache can serve one origin's answer to another";
        }
    }
}
