package io.corsagent.audit;

import io.corsagent.bridge.CorsBridge;

/** Reading flattened header name/value pairs ({@code [name0, value0, name1, value1, ...]}) as hooks pass them. */
final class HeaderPairs {

    private HeaderPairs() {
    }

    /** Every value of the header, joined with {@code ", "}; {@code null} when absent. Names are case-insensitive. */
    static String value(String[] pairs, String name) {
        String joined = null;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                joined = CorsBridge.joinFieldValue(joined, pairs[i + 1]);
            }
        }
        return joined;
    }

    /** {@code Name: value, Name: value}, or {@code no headers}. */
    static String describe(String[] pairs) {
        if (pairs.length == 0) {
            return "no headers";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(pairs[i]).append(": ").append(pairs[i + 1]);
        }
        return text.toString();
    }
}
