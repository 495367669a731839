package io.corsagent.policy;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PropertiesReaderTest {

    private static String entries(String content) {
        PropertiesReader.Result result = PropertiesReader.read("f", content);
        return result.entries.stream().map(e -> e.line() + ":" + e.key() + "=[" + e.value() + "]")
                .collect(Collectors.joining("\n"))
                + result.problems.stream().map(p -> "\n" + p).collect(Collectors.joining());
    }

    @Test
    void keepsTheLineOfEveryKey() {
        assertEquals("""
                2:mode=[audit]
                4:allowed-origins=[https://a.example.com, https://b.example.com]
                7:max-age=[5]
                8:log.file=[/tmp/a b#c]""", entries("""
                # comment
                mode = audit
                ! another comment
                allowed-origins = https://a.example.com, \\
                                  https://b.example.com

                max-age:5   # trailing comment
                log.file /tmp/a b\\#c
                """));
    }

    @Test
    void handlesCrLfTabsAndEscapes() {
        assertEquals("1:a=[x\ty]\n2:b=[é]\n3:c d=[1]", entries("a\t=\tx\\ty\r\nb=\\u00e9\rc\\ d = 1"));
    }

    @Test
    void reportsADuplicateKeyAtItsSecondLine() {
        assertEquals("1:mode=[audit]\nf:3: error: mode: set twice (first on line 1); the policy would silently"
                + " depend on which one wins (fix: keep the one you mean and delete the other)",
                entries("mode = audit\n\nmode = enforce\n"));
    }

    @Test
    void aCommentEndingInABackslashEndsItsLine() {
        assertEquals("1:allowed-origins=[https://app.example.com]\n2:reject-disallowed=[true]\n4:max-age=[5]", entries("""
                allowed-origins = https://app.example.com   # trusted\\
                reject-disallowed = true #\\
                # a comment line that ends in a backslash\\
                max-age = 5
                """));
    }

    @Test
    void aCommentAfterAContinuedLineEndsTheValue() {
        assertEquals("1:allowed-origins=[https://a.example.com, https://b.example.com]\n3:mode=[audit]", entries("""
                allowed-origins = https://a.example.com, \\
                                  https://b.example.com  # both teams\\
                mode = audit
                """));
    }

    @Test
    void anEscapedHashIsNoCommentSoItsBackslashStillContinues() {
        assertEquals("1:log.file=[/var/log/a #b/c.log]", entries("""
                log.file = /var/log/a \\#b\\
                  /c.log
                """));
    }
}
