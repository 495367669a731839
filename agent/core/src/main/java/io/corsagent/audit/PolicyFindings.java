package io.corsagent.audit;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.ManagedHeaders;
import io.corsagent.cors.Reason;
import io.corsagent.cors.RequestKind;

/**
 * What enforce mode does, or would do in audit and off mode, that an operator must see: preflights it answers
 * or refuses, and the CORS headers it adds, replaces or removes on the app's responses.
 */
final class PolicyFindings {

    private final FindingLog log;
    private final FindingKeys refusedKeys = new FindingKeys("preflight-refused");
    private final FindingKeys answerKeys = new FindingKeys("preflight-would-answer");
    private final FindingKeys preflightRefuseKeys = new FindingKeys("preflight-would-refuse");
    private final FindingKeys requestRefuseKeys = new FindingKeys("request-would-refuse");
    private final ChangeKeys changeKeys = new ChangeKeys();

    PolicyFindings(FindingLog log) {
        this.log = log;
    }

    /** A refused preflight in enforce mode, at the container's entry (the app never sees it). */
    void refusedPreflight(CorsDecision decision) {
        String rule = decision.rule().name();
        String key = refusedKeys.of(rule, decision.reason().name());
        if (log.repeated(key, decision.origin())) {
            return;
        }
        log.report(key, decision.origin(),
                () -> Finding.of("preflight-refused", Finding.Severity.INFO, rule)
                        .field("reason", decision.reason().name())
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .message("refused " + RequestText.describe(decision) + " with 403: " + why(decision)));
    }

    /**
     * A preflight or a strictly rejected request the app answered in audit or off mode: what enforce would have
     * answered instead.
     */
    void wouldAnswer(CorsDecision decision, int status, String[] appHeaders) {
        String rule = decision.rule().name();
        if (decision.kind() == RequestKind.PREFLIGHT && decision.allowed()) {
            String key = answerKeys.of(rule, "");
            if (!log.repeated(key, decision.origin())) {
                log.report(key, decision.origin(),
                        () -> Finding.of("preflight-would-answer", Finding.Severity.INFO, rule)
                                .field("path", decision.path())
                                .field("origin", RequestText.bounded(decision.origin()))
                                .field("appStatus", status)
                                .message("enforce would answer " + RequestText.describe(decision)
                                        + " itself with 204 and " + HeaderPairs.describe(decision.enforcedHeaders())
                                        + appAnswer(status, appHeaders)));
            }
            return;
        }
        boolean preflight = decision.kind() == RequestKind.PREFLIGHT;
        String key = (preflight ? preflightRefuseKeys : requestRefuseKeys).of(rule, decision.reason().name());
        if (log.repeated(key, decision.origin())) {
            return;
        }
        log.report(key, decision.origin(),
                () -> Finding.of(preflight ? "preflight-would-refuse" : "request-would-refuse", Finding.Severity.INFO,
                        rule)
                        .field("reason", decision.reason().name())
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("appStatus", status)
                        .message("enforce would refuse " + RequestText.describe(decision) + " with 403: "
                                + why(decision) + appAnswer(status, appHeaders)));
    }

    private static String appAnswer(int status, String[] appHeaders) {
        return "; the app answered " + status + " with "
                + (!ManagedHeaders.hasNoCorsHeaders(appHeaders) ? HeaderPairs.describe(appHeaders) : "no CORS headers");
    }

    /**
     * A response the app made in audit or off mode whose CORS headers enforce would change. Only the finding's key
     * is worked out per response, without allocating once it is known; the sentences only for a finding logged.
     *
     * @param policyHeaders the complete managed set enforce gives the response
     */
    void wouldChange(CorsDecision decision, int status, String[] appHeaders, String[] policyHeaders) {
        String key = changeKeys.of(decision, policyHeaders, appHeaders);
        if (key == null || log.repeated(key, decision.origin())) {
            return;
        }
        log.report(key, decision.origin(), () -> {
            String request = decision.kind() == RequestKind.NOT_CORS ? "non-CORS responses (this one " + status + ")"
                    : RequestText.describe(decision) + " (" + (decision.allowed() ? "allowed" : why(decision))
                    + "; status " + status + ")";
            return Finding.of("headers-would-change", Finding.Severity.INFO, decision.rule().name())
                    .field("request", decision.kind().name())
                    .field("path", decision.path())
                    .field("origin", decision.origin() == null ? null : RequestText.bounded(decision.origin()))
                    .field("status", status)
                    .message("enforce would change the CORS headers of " + request + ": "
                            + String.join("; ", HeaderChanges.describe(policyHeaders, appHeaders)));
        });
    }

    /** The refusal reason as a sentence, with the value that failed. */
    static String why(CorsDecision decision) {
        Reason reason = decision.reason();
        String detail = decision.reasonDetail();
        return reason.description() + (detail == null ? "" : " (" + RequestText.bounded(detail) + ")");
    }
}
