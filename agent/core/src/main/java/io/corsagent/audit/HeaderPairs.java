package io.corsagent.audit;

/** Reading flattened header name/value pairs ({@code [name0, value0, name1, value1, ...]}) as hooks pass them. */
final class HeaderPairs {

    private HeaderPairs() {
    }

    /** Every value of the header, joined with {@code ", "}; {@code null} when absent. Names are case-insensitive. */
    static String value(String[] pairs, String name) {
        String joined = null;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                joined = joined == null ? pairs[i + 1] : joined + ", " + pairs[i + 1];
            }
        }
        return joined;
    }

    /** Whether any {@code Access-Control-*} header is present: someone's CORS handling ran. */
    static boolean hasCorsHeaders(String[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].regionMatches(true, 0, "access-control-", 0, "access-control-".length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code Vary} value names {@code Origin} (or is {@code *}). */
    static boolean varyCoversOrigin(String vary) {
        if (vary == null) {
            return false;
        }
        for (String token : vary.split(",")) {
            String t = token.trim();
            if (t.equalsIgnoreCase("origin") || t.equals("*")) {
                return true;
            }
        }
        return false;
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
