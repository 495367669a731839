package io.corsagent.policy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginMatcherTest {

    private static OriginMatcher matcher(String... entries) {
        List<ConfiguredOrigin> origins = new ArrayList<>();
        for (String entry : entries) {
            ConfiguredOrigin.Parsed parsed = ConfiguredOrigin.parse(entry);
            origins.add(parsed.origin);
        }
        return new OriginMatcher(origins);
    }

    private static boolean allows(OriginMatcher matcher, String origin) {
        return matcher.allows(origin, SerializedOrigin.parse(origin));
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://*.example.com:*    | https://a.example.com:8443   | true
            https://*.example.com:*    | https://a.example.com        | true
            https://*.example.com:*    | https://example.com:8443     | false
            https://*.example.com:8443 | https://a.example.com:8443   | true
            https://*.example.com:8443 | https://a.example.com        | false
            https://*.example.com      | https://a.example.com:8443   | false
            https://*.example.com      | wss://a.example.com          | false
            https://*.example.com      | https://.example.com         | false
            https://*.example.com      | https://a..example.com       | false
            https://*.example.com      | https://aexample.com         | false
            https://*.a.example.com    | https://x.a.example.com      | true
            https://*.a.example.com    | https://x.b.example.com      | false
            http://[::1]:*             | http://[::1]:3000            | true
            http://[::1]:*             | http://[::2]:3000            | false
            """)
    void wildcards(String entry, String origin, boolean allowed) {
        assertEquals(allowed, allows(matcher(entry), origin));
    }

    @Test
    void manyExactOriginsAndWildcardsStayExact() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add("https://app" + i + ".customer" + i + ".com");
        }
        for (int i = 0; i < 100; i++) {
            entries.add("https://*.tenant" + i + ".example.net");
        }
        OriginMatcher matcher = matcher(entries.toArray(new String[0]));
        assertTrue(allows(matcher, "https://app999.customer999.com"));
        assertFalse(allows(matcher, "https://app999.customer998.com"));
        assertTrue(allows(matcher, "https://a.b.tenant99.example.net"));
        assertFalse(allows(matcher, "https://tenant99.example.net"));
        assertFalse(allows(matcher, "https://a.tenant100.example.net"));
        assertFalse(allows(matcher, "https://a.xtenant9.example.net"));
    }
}
