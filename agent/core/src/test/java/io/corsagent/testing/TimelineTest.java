package io.corsagent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void printsWallClockSecondsWithMicrosecondsSideAndMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, "UTF-8");

        Timeline.print(out, Instant.ofEpochSecond(1_795_786_167L, 7_391_999), "target", "policy loaded");
        Timeline.print(out, Instant.ofEpochSecond(12L, 999_999_000), "cli", "attached");

        assertEquals("cors-agent timeline 1795786167.007391 target policy loaded" + System.lineSeparator()
                + "cors-agent timeline 12.999999 cli attached" + System.lineSeparator(),
                new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
}
