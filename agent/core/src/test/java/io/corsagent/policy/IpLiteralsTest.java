package io.corsagent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IP hosts as the URL Standard parses and serializes them; an empty expected cell means "not a valid address". */
class IpLiteralsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1         | 127.0.0.1
            127.1             | 127.0.0.1
            0x7f.1            | 127.0.0.1
            0177.0.0.1        | 127.0.0.1
            2130706433        | 127.0.0.1
            10.0.0.1.         | 10.0.0.1
            0x                | 0.0.0.0
            192.168.0x1       | 192.168.0.1
            256.0.0.1         |
            1.2.3.4.5         |
            1.2.3.09          |
            4294967296        |
            1.16777216        |
            """)
    void ipv4(String host, String canonical) {
        assertEquals(canonical, IpLiterals.canonicalIpv4(host));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [::1]                     | [::1]
            [0:0:0:0:0:0:0:1]         | [::1]
            [::]                      | [::]
            [1:0:0:2:0:0:0:3]         | [1:0:0:2::3]
            [1:0:0:0:2:0:0:3]         | [1::2:0:0:3]
            [1:0:1:0:1:0:1:0]         | [1:0:1:0:1:0:1:0]
            [1:2:3:4:5:6:7::]         | [1:2:3:4:5:6:7:0]
            [2001:0db8::0001]         | [2001:db8::1]
            [::ffff:192.168.0.1]      | [::ffff:c0a8:1]
            [0:0:0:0:0:0:13.1.68.3]   | [::d01:4403]
            [1::2::3]                 |
            [1:2:3:4:5:6:7:8:9]       |
            [12345::]                 |
            [::1.2.3]                 |
            [::01.2.3.4]              |
            [1:2:3]                   |
            [:1]                      |
            [1:]                      |
            []                        |
            """)
    void ipv6(String host, String canonical) {
        assertEquals(canonical, IpLiterals.canonicalIpv6(host));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3.4         | true
            10.0.0.1.       | true
            example.0x1     | true
            example.09      | true
            example.com     | false
            foo.0xg         | false
            a.b1            | false
            localhost       | false
            """)
    void endsInNumber(String host, boolean expected) {
        assertEquals(expected, IpLiterals.endsInNumber(host));
    }
}
