package io.corsagent.audit;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.Reason;

/**
 * Unsafe CORS headers the app sends itself: it reflects an origin the policy does not allow (so it reflects any),
 * {@code Access-Control-Allow-Origin: *} with credentials (browsers refuse it), or an Allow-Origin that depends on
 * the request without {@code Vary: Origin} (caches hand one origin's answer to another).
 */
final class AppHeaderFindings {

    private final FindingLog log;

    AppHeaderFindings(FindingLog log) {
        this.log = log;
    }

    void check(CorsDecision decision, int status, String[] appHeaders) {
        String allowOrigin = HeaderPairs.value(appHeaders, "Access-Control-Allow-Origin");
        if (allowOrigin == null) {
            return;
        }
        boolean credentials = "true".equalsIgnoreCase(HeaderPairs.value(appHeaders, "Access-Control-Allow-Credentials"));
        String rule = decision.rule().name();
        String tail = " (" + RequestText.describe(decision) + ", status " + status + "). "
                + (RequestText.enforces(decision) ? "The agent replaces the app's CORS headers with the policy's."
                : "Enforce mode replaces the app's CORS headers with the policy's.");
        if (allowOrigin.equals("*")) {
            if (credentials) {
                report(decision, rule, "app-wildcard-with-credentials", status,
                        "the app sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true,"
                                + " which browsers refuse for credentialed requests" + tail);
            }
            return;
        }
        if (allowOrigin.equals(decision.origin()) && decision.reason().check() == Reason.Check.ORIGIN) {
            report(decision, rule, "app-reflects-origin", status,
                    "the app reflects the request's Origin into Access-Control-Allow-Origin"
                            + (credentials ? " with Access-Control-Allow-Credentials: true" : "")
                            + " for an origin the policy does not allow, so any website can read its responses"
                            + (credentials ? " with the user's cookies" : "") + tail);
        }
        if (!HeaderPairs.varyCoversOrigin(HeaderPairs.value(appHeaders, "Vary"))) {
            report(decision, rule, "app-missing-vary", status,
                    "the app sends an Access-Control-Allow-Origin that depends on the request without Vary: Origin,"
                            + " so a cache can serve one origin's answer to another" + tail);
        }
    }

    private void report(CorsDecision decision, String rule, String kind, int status, String message) {
        log.report(kind + "|" + rule + "|", decision.origin(),
                () -> Finding.of(kind, Finding.Severity.WARN, rule)
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("status", status)
                        .message(message));
    }
}
