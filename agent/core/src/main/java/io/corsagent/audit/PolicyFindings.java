package io.corsagent.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.Reason;
import io.corsagent.cors.RequestKind;

/**
 * What enforce mode does, or would do in audit and off mode, that an operator must see: preflights it answers
 * or refuses, and the CORS headers it adds, replaces or removes on the app's responses.
 */
final class PolicyFindings {

    private final FindingLog log;

    PolicyFindings(FindingLog log) {
        this.log = log;
    }

    /** A refused preflight in enforce mode, at the container's entry (the app never sees it). */
    void refusedPreflight(CorsDecision decision) {
        String rule = decision.rule().name();
        log.report("preflight-refused|" + rule + "|" + decision.reason(), decision.origin(),
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
        String app = "; the app answered " + status + " with "
                + (HeaderPairs.hasCorsHeaders(appHeaders) ? HeaderPairs.describe(appHeaders) : "no CORS headers");
        if (decision.kind() == RequestKind.PREFLIGHT && decision.allowed()) {
            log.report("preflight-would-answer|" + rule + "|", decision.origin(),
                    () -> Finding.of("preflight-would-answer", Finding.Severity.INFO, rule)
                            .field("path", decision.path())
                            .field("origin", RequestText.bounded(decision.origin()))
                            .field("appStatus", status)
                            .message("enforce would answer " + RequestText.describe(decision) + " itself with 204 and "
                                    + HeaderPairs.describe(decision.enforcedHeaders()) + app));
            return;
        }
        String what = decision.kind() == RequestKind.PREFLIGHT ? "preflight-would-refuse" : "request-would-refuse";
        log.report(what + "|" + rule + "|" + decision.reason(), decision.origin(),
                () -> Finding.of(what, Finding.Severity.INFO, rule)
                        .field("reason", decision.reason().name())
                        .field("path", decision.path())
                        .field("origin", RequestText.bounded(decision.origin()))
                        .field("appStatus", status)
                        .message("enforce would refuse " + RequestText.describe(decision) + " with 403: "
                                + why(decision) + app));
    }

    /**
     * A response the app made in audit or off mode whose CORS headers enforce would change.
     *
     * @param policyHeaders the complete managed set enforce gives the response
     */
    void wouldChange(CorsDecision decision, int status, String[] appHeaders, String[] policyHeaders) {
        List<String> changes = new ArrayList<>();
        StringBuilder signature = new StringBuilder();
        for (String name : HeaderPairs.names(policyHeaders)) {
            String mine = HeaderPairs.value(policyHeaders, name);
            String theirs = HeaderPairs.value(appHeaders, name);
            if (theirs == null) {
                changes.add("add " + name + ": " + mine);
                signature.append("+").append(name.toLowerCase(Locale.ROOT));
            } else if (!theirs.equals(mine)) {
                changes.add("replace " + name + ": " + RequestText.bounded(theirs) + " with " + mine);
                signature.append("~").append(name.toLowerCase(Locale.ROOT));
            }
        }
        for (String name : HeaderPairs.names(appHeaders)) {
            if (HeaderPairs.value(policyHeaders, name) == null) {
                changes.add("remove " + name + ": " + RequestText.bounded(HeaderPairs.value(appHeaders, name)));
                signature.append("-").append(name.toLowerCase(Locale.ROOT));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        String rule = decision.rule().name();
        String request = decision.kind() == RequestKind.NOT_CORS ? "non-CORS responses (this one " + status + ")"
                : RequestText.describe(decision) + " (" + (decision.allowed() ? "allowed" : why(decision))
                + "; status " + status + ")";
        String culprit = decision.kind() + (decision.allowed() ? "" : "-denied") + signature;
        log.report("headers-would-change|" + rule + "|" + culprit, decision.origin(),
                () -> Finding.of("headers-would-change", Finding.Severity.INFO, rule)
                        .field("request", decision.kind().name())
                        .field("path", decision.path())
                        .field("origin", decision.origin() == null ? null : RequestText.bounded(decision.origin()))
                        .field("status", status)
                        .message("enforce would change the CORS headers of " + request + ": "
                                + String.join("; ", changes)));
    }

    /** The refusal reason as a sentence, with the value that failed. */
    static String why(CorsDecision decision) {
        Reason reason = decision.reason();
        String detail = decision.reasonDetail();
        return reason.description() + (detail == null ? "" : " (" + RequestText.bounded(detail) + ")");
    }
}
