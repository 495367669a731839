package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The agent's status system property ({@code cors-agent.status}) of a server JVM, read as an operator does: jcmd. */
public final class StatusProperty {

    private StatusProperty() {
    }

    /** Polls {@code jcmd <pid> VM.system_properties} until the status has the field value given. */
    public static Map<String, String> await(long pid, String field, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, String> status;
        do {
            status = read(pid);
            if (value.equals(status.get(field))) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("status never had " + field + "=" + value + ": " + status);
    }

    public static Map<String, String> read(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "VM.system_properties").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("cors-agent.status=")) {
                // jcmd prints the property in .properties syntax: '=' and ':' escaped.
                String value = line.substring("cors-agent.status=".length()).trim().replace("\\=", "=")
                        .replace("\\:", ":").replace("\\\\", "\\");
                for (String pair : value.split("; ")) {
                    int equals = pair.indexOf('=');
                    fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return fields;
    }
}
