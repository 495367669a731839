package io.corsagent.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The compiled {@code allowed-origins} of one rule: which request {@code Origin} values it allows.
 *
 * <p>Exact origins are a hash set (cost independent of their number); wildcard entries are indexed by host
 * suffix, so a lookup walks the request's host once, label by label. No regular expressions: they are the
 * classic source of CORS bypasses ({@code .} matching any character, unanchored ends).
 */
public final class OriginMatcher {

    private final Set<String> exact = new HashSet<>();
    private final HostIndex subdomainWildcards;
    private final HostIndex portWildcards;
    private final boolean any;
    private final boolean nullOrigin;
    private final boolean empty;

    OriginMatcher(List<ConfiguredOrigin> entries) {
        List<ConfiguredOrigin> subdomains = new ArrayList<>();
        List<ConfiguredOrigin> ports = new ArrayList<>();
        boolean anyOrigin = false;
        boolean nullListed = false;
        for (ConfiguredOrigin entry : entries) {
            switch (entry.kind) {
                case ANY: anyOrigin = true; break;
                case NULL: nullListed = true; break;
                case EXACT: exact.add(entry.text); break;
                default: (entry.subdomains ? subdomains : ports).add(entry);
            }
        }
        subdomainWildcards = new HostIndex(subdomains);
        portWildcards = new HostIndex(ports);
        any = anyOrigin;
        nullOrigin = nullListed;
        empty = entries.isEmpty();
    }

    /** Whether {@code *} is listed: every origin is allowed. */
    public boolean allowsAny() {
        return any;
    }

    /** Whether no origin at all is allowed (nothing listed). */
    public boolean isEmpty() {
        return empty;
    }

    /**
     * @param origin the request's {@code Origin} value
     * @param parsed {@link SerializedOrigin#parse(String)} of it
     */
    public boolean allows(String origin, long parsed) {
        if (parsed < 0) {
            return origin.equals("null") && (nullOrigin || any);
        }
        if (any || exact.contains(origin)) {
            return true;
        }
        int schemeEnd = SerializedOrigin.schemeEnd(parsed);
        int hostStart = schemeEnd + 3;
        int hostEnd = SerializedOrigin.hostEnd(parsed);
        if (!portWildcards.isEmpty()) {
            ConfiguredOrigin[] candidates = portWildcards.find(origin, hostStart, hostEnd,
                    hash(origin, hostStart, hostEnd));
            if (matchesAny(candidates, origin, parsed)) {
                return true;
            }
        }
        if (subdomainWildcards.isEmpty()) {
            return false;
        }
        // One pass from the right: the hash of every suffix that starts after a dot, then one index lookup each.
        // A suffix starting at hostStart (the apex) is never looked up: *.example.com needs at least one label.
        int hash = 0;
        int power = 1;
        for (int i = hostEnd - 1; i > hostStart; i--) {
            hash += origin.charAt(i) * power;
            power *= 31;
            if (origin.charAt(i - 1) == '.') {
                ConfiguredOrigin[] candidates = subdomainWildcards.find(origin, i, hostEnd, hash);
                if (matchesAny(candidates, origin, parsed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAny(ConfiguredOrigin[] candidates, String origin, long parsed) {
        if (candidates == null) {
            return false;
        }
        int schemeEnd = SerializedOrigin.schemeEnd(parsed);
        for (ConfiguredOrigin candidate : candidates) {
            if (candidate.scheme.length() != schemeEnd || !origin.startsWith(candidate.scheme)) {
                continue;
            }
            if (candidate.port == ConfiguredOrigin.ANY_PORT
                    || candidate.port == SerializedOrigin.explicitPort(origin, parsed)) {
                return true;
            }
        }
        return false;
    }

    private static int hash(String text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }
}
