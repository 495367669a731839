package io.corsagent.cors;

import io.corsagent.policy.CorsRule;

/**
 * The managed header sets of a rule's shared non-CORS exchange, which every request without a (foreign) Origin under
 * that rule gets: the set of a response without managed headers, computed once, and the set computed last for the
 * application's own managed headers, memoised. An app sends the same ones (typically one {@code Vary}) on response
 * after response, so the usual non-CORS response costs a comparison instead of a merge that allocated about 260
 * bytes.
 *
 * <p>Shared by request threads: the memo is immutable and held in a plain field, so a racing update only costs a
 * merge computed again, and a reader sees a complete memo or the previous one.
 */
final class NotCorsHeaders {

    private final CorsRule rule;
    /** The policy's own {@code Access-Control-*} pairs for these responses (only a static {@code *} rule has any). */
    private final String[] policyHeaders;
    /** The managed set of a response without managed headers of its own, or {@code null}. */
    private final String[] bare;
    private ManagedHeadersMemo last;

    NotCorsHeaders(CorsRule rule, String[] policyHeaders) {
        this.rule = rule;
        this.policyHeaders = policyHeaders;
        this.bare = ManagedHeaders.merge(policyHeaders, rule.variesByOrigin(), new String[0]);
    }

    /**
     * @param appHeaders the application's managed pairs
     * @return the complete managed set, or {@code null} to leave the response's headers as they are
     */
    String[] forApp(String[] appHeaders) {
        if (appHeaders.length == 0) {
            return bare;
        }
        ManagedHeadersMemo memo = last;
        if (memo != null && memo.matches(appHeaders)) {
            return memo.managedHeaders();
        }
        String[] merged = ManagedHeaders.hasNoCorsHeaders(appHeaders) && !rule.isStaticAnyOrigin()
                && (!rule.variesByOrigin() || ManagedHeaders.varyNamesOrigin(appHeaders))
                ? null : ManagedHeaders.merge(policyHeaders, rule.variesByOrigin(), appHeaders);
        last = new ManagedHeadersMemo(appHeaders, merged);
        return merged;
    }
}
