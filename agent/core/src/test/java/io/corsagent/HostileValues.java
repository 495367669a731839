package io.corsagent;

import java.util.List;


/** Generators of hostile request values, shared by the property tests. */
public final class HostileValues {

    private HostileValues() {
    }

    /** Text inserted or substituted by an edit: the tricks from published CORS bypasses. */
    private static final List<String> PAYLOADS = List.of(
            ".evil.net", "evil.net", "evil", ".", "..", "-", "_", "%2e", "%2E", "%00", "\uFF0E", "\u3002", "\uFF61",
            "\u2024", "@", "user@", "user:pass@", "@evil.net", "#", "?", "/", "\\", ":", ":443", ":80", ":8443",
            ":08443", ":0", ":65536", ":*", "*", "*.", " ", "\t", "\r", "\n", "\r\n", "\u0000", "\u200B", "\uFEFF",
            "\u00A0", ",", ", https://evil.net", "https://", "http://", "xn--", "xn--80ak6aa92e", "\u0430", "\u0435",
            "\u212A", "\u0131", "\u017F", "\uD83D\uDE00", "A", "E", "null", "localhost", "example.com", "[::1]", "0");

    /** Each of {@code bases}, bent by zero to three edits (insert, replace, delete, upper-case, append, prepend). */
    public static Gen<String> originVariants(String... bases) {
        Gen<EditKind> kinds = Gen.of(EditKind.values());
        Gen<Integer> positions = Gen.ints(0, 1000);
        Gen<String> payloads = Gen.of(PAYLOADS);
        Gen<String> base = Gen.of(bases);
        return random -> {
            String value = base.next(random);
            for (int edits = random.nextInt(4); edits > 0; edits--) {
                value = new Edit(kinds.next(random), positions.next(random), payloads.next(random)).apply(value);
            }
            return value;
        };
    }

    /** {@code Access-Control-Request-Headers}-like lists: names, blanks, control and non-ASCII bytes, odd separators. */
    public static Gen<String> headerLists() {
        Gen<String> element = Gen.oneOf(
                Gen.of("content-type", "Content-Type", "CONTENT-TYPE", "x-api-key", "X-Api-Key", "authorization",
                        "Authorization", "x-evil", "x-requested-with", "", " ", "\t", "  ", "x y", "x\u0000", "\u00e9",
                        "x\r\nset-cookie: a=b", "content-type\u0000", "(", "\"x\"", "x;y", "\u212Aey", "x-\u0131d",
                        "*", "x:y", "\u00A0x"),
                Gen.strings("aAzZ-_ \t\u0000\r\n\u00e9\u212A:;\"()*%'`|~", 0, 12));
        Gen<String> separator = Gen.of(",", ", ", " ,", ",,", " , ", "\t,");
        Gen<Integer> sizes = Gen.oneOf(Gen.ints(0, 5), Gen.ints(0, 80));
        return random -> {
            StringBuilder value = new StringBuilder();
            for (int i = sizes.next(random); i > 0; i--) {
                value.append(element.next(random));
                if (i > 1) {
                    value.append(separator.next(random));
                }
            }
            return value.toString();
        };
    }

    private enum EditKind { INSERT, REPLACE, DELETE, UPPER_CASE, APPEND, PREPEND }

    private record Edit(EditKind kind, int position, String payload) {
        String apply(String value) {
            int at = value.isEmpty() ? 0 : position % (value.length() + 1);
            int charAt = value.isEmpty() ? 0 : position % value.length();
            switch (kind) {
                case INSERT: return value.substring(0, at) + payload + value.substring(at);
                case REPLACE: return value.isEmpty() ? payload
                        : value.substring(0, charAt) + payload + value.substring(charAt + 1);
                case DELETE: return value.isEmpty() ? value : value.substring(0, charAt) + value.substring(charAt + 1);
                case UPPER_CASE: return value.isEmpty() ? value : value.substring(0, charAt)
                        + Character.toUpperCase(value.charAt(charAt)) + value.substring(charAt + 1);
                case APPEND: return value + payload;
                default: return payload + value;
            }
        }
    }
}
