package io.corsagent.policy;

import java.util.List;

import io.corsagent.Allocations;
import io.corsagent.Escaped;
import io.corsagent.ForAll;
import io.corsagent.Gen;
import io.corsagent.HostileValues;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The origin parser and matcher against hostile variants of allowed origins: every generated value is judged by
 * an independent, deliberately plain oracle of what its policy allows ({@link OriginMatchingOracle}), and the matcher must agree with it
 * exactly. Variants are the bypasses other CORS implementations shipped: suffixes and prefixes around the allowed
 * host, user info, percent-encoding, Unicode dots and homoglyphs, punycode, case, white space, control
 * characters, ports, several origins in one value.
 */
class OriginMatchingPropertyTest {

    private static final OriginMatcher ANY = PolicyLoader.parse("p", "allowed-origins = *").policy().topLevelRule()
            .origins();
    /** Allowed origins, each bent by up to three edits taken from the list of known bypass tricks. */
    private static final Gen<String> HOSTILE_VARIANTS = HostileValues.originVariants("https://app.example.net",
            "https://a.example.com", "https://x.y.example.com", "https://example.com", "http://localhost",
            "http://localhost:3000", "https://a.corp.example.org:8443", "capacitor://localhost", "null");
    /** Short random text after a scheme, over the characters that matter to origin parsing. */
    private static final Gen<String> ORIGIN_LIKE_TEXT = Gen.strings(
            "https:/.examplecomnt-_*@%:80443[]\u0000 \t,\uFF0E\u3002\u0430XAE", 0, 40).map(s -> "https://" + s);

    private static final OriginMatcher MATCHER = PolicyLoader.parse("p", OriginMatchingOracle.POLICY).policy()
            .topLevelRule().origins();

    /** Characters a value must be made of before it may ever be echoed in a response header. */
    static boolean isSafeToEcho(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || ".:/[]+-_".indexOf(c) >= 0);
    }

    private static boolean allows(OriginMatcher matcher, String origin) {
        return matcher.allows(origin, SerializedOrigin.parse(origin));
    }

    // ------------------------------------------------------------------------------------------ properties

    @Test
    void hostileVariantsMatchExactlyWhatTheRulesAllow() {
        ForAll.check(20_000, HOSTILE_VARIANTS,
                origin -> assertEquals(OriginMatchingOracle.allows(origin), allows(MATCHER, origin)));
    }

    @Test
    void randomTextMatchesExactlyWhatTheRulesAllow() {
        ForAll.check(20_000, ORIGIN_LIKE_TEXT,
                origin -> assertEquals(OriginMatchingOracle.allows(origin), allows(MATCHER, origin)));
    }

    /** Whatever the policy, even {@code *}, an origin that is allowed (so may be echoed) is plain origin syntax. */
    @Test
    void anAllowedOriginIsAlwaysSafeToEcho() {
        ForAll.check(20_000, HOSTILE_VARIANTS, origin -> {
            for (OriginMatcher matcher : List.of(MATCHER, ANY)) {
                if (allows(matcher, origin) && !origin.equals("null")) {
                    assertTrue(isSafeToEcho(origin), () -> "allowed, yet not plain origin syntax: " + visible(origin));
                }
            }
        });
    }

    @Test
    void parsingNeverThrowsAndAcceptsOnlyCanonicalOrigins() {
        ForAll.check(20_000, Gen.anyText(400), anything -> {
            long parsed = SerializedOrigin.parse(anything);
            if (parsed >= 0) {
                assertTrue(isSafeToEcho(anything) && anything.length() <= SerializedOrigin.MAX_LENGTH);
                assertTrue(allows(ANY, anything));
            }
            assertEquals(OriginMatchingOracle.allows(anything), allows(MATCHER, anything));
        });
    }

    /** A value longer than any origin is refused on its length alone, whatever it holds. */
    @Test
    void overlongValuesAreRefusedWithoutReadingThem() {
        Gen<String> overlong = random -> Gen.strings("a.", SerializedOrigin.MAX_LENGTH, 20_000).next(random)
                + HOSTILE_VARIANTS.next(random);
        ForAll.check(500, overlong, origin -> {
            assertEquals(-1, SerializedOrigin.parse(origin));
            assertFalse(allows(MATCHER, origin));
        });
    }

    /** Every origin the loader accepts as an exact entry is one a browser can send, and it matches itself. */
    @Test
    void acceptedExactEntriesAreSerializedOriginsThatMatchThemselves() {
        ForAll.check(20_000, HOSTILE_VARIANTS, entry -> {
            if (entry.isEmpty() || entry.contains(",") || !entry.equals(entry.trim())) {
                return;
            }
            ConfiguredOrigin.Parsed parsed = ConfiguredOrigin.parse(entry);
            if (parsed.origin != null && parsed.origin.kind == ConfiguredOrigin.Kind.EXACT) {
                assertEquals(entry, parsed.origin.text);
                assertTrue(SerializedOrigin.parse(entry) >= 0);
                assertTrue(allows(new OriginMatcher(List.of(parsed.origin)), entry));
            }
        });
    }

    /**
     * Bounded allocation, by counting: parsing and matching allocate nothing, whatever the value, so a flood of
     * hostile origins costs no garbage.
     */
    @Test
    void parsingAndMatchingAllocateNothing() {
        ForAll.check(300, HOSTILE_VARIANTS,
                origin -> assertEquals(0, Allocations.perCall(() -> allows(MATCHER, origin)), "bytes per call"));
    }

    // ------------------------------------------------------------------------------------------ known bypasses

    @Test
    void bypassesOtherImplementationsShippedAreRefused() {
        List<String> attacks = List.of(
                "https://app.example.net.evil.net", "https://app.example.net.", "https://evilapp.example.net",
                "https://app.example.net@evil.net", "https://user@app.example.net", "https://app.example.net%2eevil.net",
                "https://app%2eexample.net", "https://app.example\uFF0Enet", "https://app\u3002example.net",
                "https://APP.example.net", "HTTPS://app.example.net", "https://app.example.net:443",
                "https://app.example.net/", " https://app.example.net", "https://app.example.net ",
                "https://app.example.net\r\n", "https://app.example.net\u0000", "https://app.example.net,https://evil.net",
                "https://evil.net, https://app.example.net", "https://\u0430pp.example.net", "https://xn--pp-8cd.example.net",
                "http://app.example.net", "https://example.com", "https://evilexample.com", "https://example.com.evil.net",
                "https://a.example.com.evil.net", "https://.example.com", "https://a..example.com",
                "https://a.example.com:443", "https://a.example.com:8443", "https://a.example\uFF0Ecom",
                "https://a%2Eexample.com", "http://a.example.com", "https://a.example.com.", "https://corp.example.org:8443",
                "https://a.corp.example.org", "https://a.corp.example.org:08443", "http://localhost:80",
                "http://localhost:0", "http://localhost:65536", "http://localhost:", "http://localhost.evil.net",
                "http://localhost@evil.net", "http://evil.net#@localhost", "https://localhost:3000", "capacitor://localhost.",
                "capacitor://LOCALHOST", "null", "NULL", "", "*");
        for (String attack : attacks) {
            assertFalse(allows(MATCHER, attack), () -> "allowed: " + visible(attack));
            assertFalse(OriginMatchingOracle.allows(attack), () -> "the oracle allows " + visible(attack));
        }
        for (String allowed : List.of("https://app.example.net", "https://a.example.com", "https://x.y.example.com",
                "http://localhost", "http://localhost:3000", "https://a.corp.example.org:8443", "capacitor://localhost")) {
            assertTrue(allows(MATCHER, allowed), allowed);
            assertTrue(OriginMatchingOracle.allows(allowed), allowed);
        }
    }

    // ------------------------------------------------------------------------------------------ generators

    private static String visible(String value) {
        return Escaped.visible(value);
    }
}
