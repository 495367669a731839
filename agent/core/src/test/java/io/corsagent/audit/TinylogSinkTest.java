package io.corsagent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TinylogSinkTest {

    static Stream<Arguments> clientText() {
        return Stream.of(
                Arguments.of("https://a.example\r\ncors-agent WARN: fake", "https://a.example\\x0d\\x0acors-agent WARN: fake"),
                Arguments.of("https://a.example\u001b[2J", "https://a.example\\x1b[2J"),
                Arguments.of("x\u0000y\u007fz", "x\\x00y\\x7fz"),
                Arguments.of("caf\u00e9 \u2028", "caf\\xe9 \\u2028"));
    }

    @ParameterizedTest
    @MethodSource("clientText")
    void writesClientTextAsPrintableAscii(String text, String expected) {
        assertEquals(expected, TinylogSink.printable(text));
    }

    @ParameterizedTest
    @CsvSource({"https://app.example.com", "preflight-would-answer [top-level]: OPTIONS /api/orders"})
    void leavesPrintableTextAsItIs(String text) {
        assertSame(text, TinylogSink.printable(text));
    }
}
