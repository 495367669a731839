package io.corsagent.policy;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import io.corsagent.ForAll;
import io.corsagent.Gen;
import io.corsagent.HostileValues;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy reader on generated files: it reads the {@code .properties} syntax exactly as
 * {@link Properties#load} does (the reference), never throws whatever the text, and never yields half a policy.
 * The path globs it compiles match exactly what the equivalent regular expression matches.
 */
class PolicyReaderPropertyTest {

    /** Lines of {@code .properties} syntax: escapes, continuations, separators, blanks, comments (no {@code #}). */
    private static final Gen<String> PROPERTIES_TEXT = random -> {
        Gen<String> piece = Gen.of("a", "b", "key", "allowed-origins", "=", ":", " ", "\t", "\f", "\\", "\\\\",
                "\\ ", "\\=", "\\:", "\\u0041", "\\u00e9", "\\u004", "\\uZZZZ", "\\u\uFF10\uFF10\uFF14\uFF11", "\\n", "\\t", "\\r", "\\\n", "\\\r\n",
                "!", "*", ",", "https://a.example.com", "\u00e9", "\u0000", "x");
        Gen<String> terminator = Gen.of("\n", "\r\n", "\r");
        StringBuilder text = new StringBuilder();
        for (int line = random.nextInt(8); line > 0; line--) {
            if (random.nextInt(6) == 0) {
                text.append("! comment \\");
            } else {
                for (int p = random.nextInt(8); p > 0; p--) {
                    text.append(piece.next(random));
                }
            }
            text.append(terminator.next(random));
        }
        if (random.nextBoolean() && text.length() > 0) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    };

    /**
     * A natural line that is only a backslash continues an empty logical line, where {@link Properties#load} has
     * quirks (the continuation is a comment if it starts with {@code !}, an empty key at the end of the text): no
     * policy is written like that, so the comparison leaves such files out.
     */
    private static final Pattern LONE_BACKSLASH_LINE = Pattern.compile("(^|[\r\n])[ \t\f]*\\\\(\r\n|\r|\n|$)");

    @Test
    void readsTheSyntaxExactlyAsJavaUtilPropertiesDoes() {
        ForAll.check(20_000, PROPERTIES_TEXT, text -> {
            if (LONE_BACKSLASH_LINE.matcher(text).find()) {
                return;
            }
            PropertiesReader.Result read = PropertiesReader.read("f", text);
            boolean malformed = read.problems.stream().anyMatch(p -> p.toString().contains("malformed escape"));
            Properties reference = new Properties();
            try {
                reference.load(new StringReader(text));
            } catch (IllegalArgumentException e) {
                assertTrue(malformed, "Properties refuses the text (" + e.getMessage() + "), the reader does not");
                return;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertFalse(malformed, "the reader reports a malformed escape that Properties accepts");
            Set<String> keys = new HashSet<>();
            for (PropertyEntry entry : read.entries) {
                keys.add(entry.key());
                boolean setTwice = read.problems.stream().anyMatch(p -> p.toString().contains(entry.key())
                        && p.toString().contains("set twice"));
                if (!setTwice) {
                    // The one documented difference: trailing blanks of a value are dropped (they are invisible).
                    assertEquals(stripTrailingBlanks(reference.getProperty(entry.key())),
                            stripTrailingBlanks(entry.value()), () -> "value of " + entry.key());
                }
            }
            assertEquals(reference.stringPropertyNames(), keys);
        });
    }

    /** Regression: {@code \\u} took any Unicode digit (fullwidth {@code ００４１} read as {@code A}); Properties does not. */
    @Test
    void onlyAsciiHexDigitsFormAnEscape() {
        LoadResult result = PolicyLoader.parse("p", "allowed-methods = P\\u\uFF10\uFF10\uFF15\uFF14T\n");
        assertEquals(List.of("p:1: error: allowed-methods: malformed escape \\u\uFF10\uFF10\uFF15\uFF14: \\u needs four hexadecimal digits"
                + " (fix: write \\\\u for a literal backslash-u, or \\u0041 style escapes)"),
                result.errors().stream().map(Problem::toString).toList());
    }

    /** Whatever the text, loading ends in a policy or in errors, never in an exception or half a policy. */
    @Test
    void loadingNeverThrowsAndNeverYieldsHalfAPolicy() {
        Gen<String> values = Gen.oneOf(HostileValues.originVariants("https://a.example.com", "*", "null",
                "https://*.example.com", "http://localhost:*"), HostileValues.headerLists(), Gen.anyText(30),
                Gen.of("true", "false", "600", "-1", "99999999999", "enforce", "audit", "off", "json", "/dev/full", ""));
        Gen<String> keys = Gen.oneOf(Gen.of(PolicyKeys.RULE_KEYS), Gen.of(PolicyKeys.POLICY_KEYS),
                Gen.of(PolicyKeys.RULE_KEYS).map(k -> "path./api/**." + k),
                Gen.of(PolicyKeys.RULE_KEYS).map(k -> "path./*/x." + k), Gen.anyText(12), Gen.of("path.", "path..x"));
        Gen<String> files = random -> {
            StringBuilder text = new StringBuilder();
            for (int line = random.nextInt(12); line > 0; line--) {
                text.append(keys.next(random)).append(Gen.of(" = ", "=", ":", " ").next(random))
                        .append(values.next(random)).append(Gen.of("\n", "\r\n", "\\\n", " # note\n").next(random));
            }
            return random.nextInt(5) == 0 ? Gen.anyText(300).next(random) + text : text.toString();
        };
        ForAll.check(4000, files, text -> {
            LoadResult result = PolicyLoader.parse("p", text);
            int lines = text.split("\r\n|\r|\n", -1).length;
            if (result.isValid()) {
                assertNotNull(result.policy());
                assertTrue(result.errors().isEmpty());
            } else {
                assertNull(result.policy());
                assertFalse(result.errors().isEmpty());
            }
            for (Problem problem : result.problems()) {
                assertTrue(problem.line() >= 0 && problem.line() <= lines, () -> "line of " + problem);
            }
        });
    }

    /** A glob matches exactly what its regular-expression translation matches, on hostile paths too. */
    @Test
    void pathGlobsMatchExactlyWhatTheirRegularExpressionMatches() {
        Gen<String> globs = Gen.of("/", "a", "b", ".", "*", "**", "/**", "?", "/api", ";").list(1, 8)
                .map(parts -> String.join("", parts)).map(g -> g.startsWith("/") ? g : "/" + g);
        Gen<String> paths = Gen.of("/", "a", "b", ".", "..", "/api", "//", "x", ";", "%2e", "\u0000", "\u00e9")
                .list(0, 10).map(parts -> String.join("", parts));
        Gen<List<String>> pairs = random -> List.of(globs.next(random), paths.next(random));
        ForAll.check(20_000, pairs, pair -> {
            String glob = pair.get(0);
            String path = pair.get(1);
            PathPattern pattern = PathPattern.compile(glob);
            if (pattern != null) {
                assertEquals(regex(glob).matcher(path).matches(), pattern.matches(path), () -> glob + " on " + path);
            }
        });
    }

    /** The reference translation: {@code /**} (a whole segment run) is {@code (/.*)?}, {@code **} any text. */
    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int p = 0; p < glob.length(); ) {
            if (glob.startsWith("/**", p) && (p + 3 == glob.length() || glob.charAt(p + 3) == '/')) {
                regex.append("(/.*)?");
                p += 3;
            } else if (glob.startsWith("**", p)) {
                regex.append(".*");
                p += 2;
            } else if (glob.charAt(p) == '*') {
                regex.append("[^/]*");
                p++;
            } else if (glob.charAt(p) == '?') {
                regex.append("[^/]");
                p++;
            } else {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(p))));
                p++;
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String stripTrailingBlanks(String value) {
        int end = value.length();
        while (end > 0 && " \t\f".indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(0, end);
    }
}
