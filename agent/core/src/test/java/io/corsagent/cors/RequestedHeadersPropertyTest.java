package io.corsagent.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.corsagent.Allocations;
import io.corsagent.Escaped;
import io.corsagent.ForAll;
import io.corsagent.Gen;
import io.corsagent.HostileValues;
import io.corsagent.policy.CorsRule;
import io.corsagent.policy.HttpTokens;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code Access-Control-Request-Headers} check against an independent reference (split on commas, trim, look
 * up), on hostile values: white space, empty elements, control and non-ASCII characters, case, thousands of
 * commas. Its cost is bounded by construction (a length cap, then an element cap after which it stops reading),
 * which the properties below prove by outcome and by counting allocated bytes.
 */
class RequestedHeadersPropertyTest {

    private static final CorsRule NAMED = Requests.policy("""
            allowed-origins = https://app.example.com
            allowed-headers = Content-Type, X-Api-Key, Authorization
            """).topLevelRule();
    private static final CorsRule ANY = Requests.policy("""
            allowed-origins = https://app.example.com
            allowed-headers = *
            """).topLevelRule();

    /** The reference: what the check must answer, written the obvious way. */
    static RequestedHeaders.Outcome reference(String value, CorsRule rule) {
        if (value.length() > RequestedHeaders.MAX_LENGTH) {
            return new RequestedHeaders.Outcome(Reason.HEADERS_TOO_LONG, null, null);
        }
        String[] elements = value.split(",", -1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < elements.length; i++) {
            if (i == RequestedHeaders.MAX_ELEMENTS) {
                return new RequestedHeaders.Outcome(Reason.HEADERS_TOO_MANY, null, null);
            }
            String name = elements[i].replaceAll("^[ \t]+|[ \t]+$", "");
            if (!name.isEmpty() && !HttpTokens.isToken(name)) {
                return new RequestedHeaders.Outcome(Reason.HEADERS_MALFORMED, null, null);
            }
            if (!name.isEmpty()) {
                boolean listed = List.of("content-type", "x-api-key", "authorization").contains(name.toLowerCase(Locale.ROOT))
                        && rule == NAMED;
                boolean wildcard = rule == ANY && !name.equalsIgnoreCase("authorization");
                if (!listed && !wildcard) {
                    return new RequestedHeaders.Outcome(Reason.HEADER_NOT_ALLOWED, name, null);
                }
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new RequestedHeaders.Outcome(Reason.ALLOWED, null,
                rule == ANY && !names.isEmpty() ? String.join(",", names) : null);
    }

    private static final Gen<String> HOSTILE_LISTS = HostileValues.headerLists();

    @Test
    void agreesWithTheReference() {
        ForAll.check(20_000, HOSTILE_LISTS, value -> {
            for (CorsRule rule : List.of(NAMED, ANY)) {
                RequestedHeaders.Outcome expected = reference(value, rule);
                RequestedHeaders.Outcome actual = RequestedHeaders.check(value, rule);
                assertEquals(expected.reason, actual.reason, rule::toString);
                assertEquals(expected.echo, actual.echo, rule::toString);
                if (expected.reason == Reason.HEADER_NOT_ALLOWED) {
                    assertEquals(expected.detail.substring(0, Math.min(100, expected.detail.length())), actual.detail);
                }
            }
        });
    }

    /** What a {@code *} rule echoes is only lower-case token characters and commas: never a hostile byte. */
    @Test
    void theEchoIsAlwaysACanonicalList() {
        ForAll.check(20_000, HOSTILE_LISTS, value -> {
            String echo = RequestedHeaders.check(value, ANY).echo;
            if (echo != null) {
                assertTrue(echo.matches("[a-z0-9!#$%&'*+.^_`|~-]+(,[a-z0-9!#$%&'*+.^_`|~-]+)*"), () -> show(echo));
            }
        });
    }

    /**
     * The element cap stops the scan: after {@value RequestedHeaders#MAX_ELEMENTS} elements the rest is never
     * read, so what follows (garbage, a refused name) cannot change the answer.
     */
    @Test
    void readingStopsAtTheElementCap() {
        Gen<String> capped = random -> ",".repeat(Gen.ints(RequestedHeaders.MAX_ELEMENTS, 4000).next(random))
                + Gen.of("\u0000(\u00e9", "x-evil", "authorization", "x y").next(random) + HOSTILE_LISTS.next(random);
        ForAll.check(2000, capped, value -> {
            if (value.length() <= RequestedHeaders.MAX_LENGTH) {
                assertEquals(Reason.HEADERS_TOO_MANY, RequestedHeaders.check(value, NAMED).reason);
                assertEquals(Reason.HEADERS_TOO_MANY, RequestedHeaders.check(value, ANY).reason);
            }
        });
    }

    @Test
    void overlongValuesAreRefusedOnTheirLengthAlone() {
        ForAll.check(200, Gen.ints(RequestedHeaders.MAX_LENGTH + 1, 1_000_000), length -> {
            String value = "x-api-key,".repeat(length / 10 + 1).substring(0, length);
            assertEquals(Reason.HEADERS_TOO_LONG, RequestedHeaders.check(value, NAMED).reason);
        });
    }

    /**
     * Bounded allocation, by counting: a named rule allocates at most a refusal (under 512 bytes), a {@code *}
     * rule at most the echoed list, which the length cap bounds, whatever the value (up to 400 KiB here).
     */
    @Test
    void allocationIsBoundedWhateverTheValue() {
        Gen<String> values = random -> {
            String list = HOSTILE_LISTS.next(random);
            return (list + ",").repeat(Gen.ints(0, 400).next(random)) + list;
        };
        ForAll.check(300, values, value -> {
            long named = Allocations.perCall(() -> RequestedHeaders.check(value, NAMED));
            long any = Allocations.perCall(() -> RequestedHeaders.check(value, ANY));
            assertTrue(named < 512, () -> named + " bytes for " + value.length() + " characters");
            assertTrue(any < 2 * RequestedHeaders.MAX_LENGTH + 512,
                    () -> any + " bytes for " + value.length() + " characters");
        });
    }

    @Test
    void eightKibOfCommasAllocatesOnlyTheRefusal() {
        String commas = ",".repeat(8192);
        assertEquals(Reason.HEADERS_TOO_LONG, RequestedHeaders.check(commas, ANY).reason);
        String under = ",".repeat(RequestedHeaders.MAX_LENGTH);
        assertEquals(Reason.HEADERS_TOO_MANY, RequestedHeaders.check(under, ANY).reason);
        assertTrue(Allocations.perCall(() -> RequestedHeaders.check(under, ANY)) < 100);
        assertNull(RequestedHeaders.check(",,,", ANY).echo);
    }

    private static String show(String value) {
        return Escaped.visible(value);
    }
}
