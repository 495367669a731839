package io.corsagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.runtime.PreciseTimestamp;
import org.tinylog.runtime.Timestamp;

class JsonLinesWriterTest {

    @Test
    void aFindingBecomesOneJsonObjectWithItsFields() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("finding", "misordered-auth");
        context.put("rule", "top-level");
        context.put("culprit", "com.example.Auth\"Filter");
        Timestamp time = new PreciseTimestamp(1_500, 0);
        LogEntry entry = new LogEntry(time, null, context, null, null, null, 0, null, Level.WARN,
                "misordered-auth [top-level]: line\nbreak", null);
        assertEquals("{\"time\":\"1970-01-01T00:00:01.500Z\",\"level\":\"WARN\",\"message\":\"misordered-auth"
                + " [top-level]: line\\nbreak\",\"finding\":\"misordered-auth\",\"rule\":\"top-level\","
                + "\"culprit\":\"com.example.Auth\\\"Filter\"}" + System.lineSeparator(), JsonLinesWriter.line(entry));
    }
}
