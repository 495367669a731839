package io.corsagent.audit;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import io.corsagent.cors.CorsDecision;
import io.corsagent.cors.RequestKind;

/**
 * The dedup keys of {@code headers-would-change} findings, kept per rule with the {@link HeaderChanges} signature
 * that names them. In audit and off mode nearly every response gets one (enforce adds {@code Vary: Origin}); a
 * response whose changes were seen before finds its key by matching a kept signature, which allocates nothing,
 * instead of building signature and key again. At most {@value #PER_RULE} signatures a rule and
 * {@link FindingLog#MAX_KEYS} in all are kept; beyond that a key is built each time.
 */
final class ChangeKeys {

    private static final int PER_RULE = 16;

    /** Copy on write: read on every response, written once per new signature. */
    private final ConcurrentHashMap<String, Known[]> byRule = new ConcurrentHashMap<>();
    private int kept;

    /**
     * @param policy the complete managed set enforce gives the response
     * @param app    the managed headers the app gave it
     * @return the finding's key, or {@code null} when enforce would change nothing
     */
    String of(CorsDecision decision, String[] policy, String[] app) {
        String rule = decision.rule().name();
        Known[] known = byRule.get(rule);
        if (known != null) {
            for (Known candidate : known) {
                if (candidate.kind == decision.kind() && candidate.allowed == decision.allowed()
                        && HeaderChanges.hasSignature(candidate.signature, policy, app)) {
                    return candidate.key;
                }
            }
        }
        String signature = HeaderChanges.signature(policy, app);
        String key = signature.isEmpty() ? null : "headers-would-change|" + rule + "|" + decision.kind()
                + (decision.allowed() ? "" : "-denied") + signature;
        keep(rule, new Known(decision.kind(), decision.allowed(), signature, key));
        return key;
    }

    private synchronized void keep(String rule, Known fresh) {
        Known[] known = byRule.get(rule);
        int size = known == null ? 0 : known.length;
        if (size >= PER_RULE || kept >= FindingLog.MAX_KEYS) {
            return;
        }
        Known[] grown = known == null ? new Known[1] : Arrays.copyOf(known, size + 1);
        grown[size] = fresh;
        byRule.put(rule, grown);
        kept++;
    }

    private static final class Known {
        final RequestKind kind;
        final boolean allowed;
        final String signature;
        /** {@code null} for the empty signature: nothing changes. */
        final String key;

        Known(RequestKind kind, boolean allowed, String signature, String key) {
            this.kind = kind;
            this.allowed = allowed;
            this.signature = signature;
            this.key = key;
        }
    }
}
