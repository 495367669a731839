package io.corsagent.audit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The dedup keys ({@code kind|rule|culprit}) of one kind of finding, each built once: a finding seen before looks
 * its key up instead of concatenating it on every response. At most {@link FindingLog#MAX_KEYS} keys are kept (the
 * finding log keeps no more either); beyond that a key is built each time.
 */
final class FindingKeys {

    private final String kind;
    /** Rule name, then culprit. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> keys = new ConcurrentHashMap<>();
    private int kept;

    FindingKeys(String kind) {
        this.kind = kind;
    }

    /** The finding's kind: the first part of each key. */
    String kind() {
        return kind;
    }

    /** @param culprit a bounded value (a reason, a filter class), or {@code ""} for none */
    String of(String rule, String culprit) {
        ConcurrentHashMap<String, String> byCulprit = keys.get(rule);
        String key = byCulprit == null ? null : byCulprit.get(culprit);
        return key != null ? key : keep(rule, culprit, kind + "|" + rule + "|" + culprit);
    }

    private synchronized String keep(String rule, String culprit, String key) {
        if (kept >= FindingLog.MAX_KEYS) {
            return key;
        }
        ConcurrentHashMap<String, String> byCulprit = keys.computeIfAbsent(rule, r -> new ConcurrentHashMap<>());
        String raced = byCulprit.putIfAbsent(culprit, key);
        if (raced != null) {
            return raced;
        }
        kept++;
        return key;
    }
}
