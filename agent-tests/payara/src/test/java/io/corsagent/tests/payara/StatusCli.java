package io.corsagent.tests.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.corsagent.tests.containers.TestPaths;

/** The CLI as operators run it: {@code java -jar cors-agent.jar <command> ...}, forked, on the test's JDK. */
final class StatusCli {

    private static final Pattern FIELD = Pattern.compile("(?m)^  (\\S+) +(.*)$");

    /** One run: exit code and output (stdout and stderr merged). */
    record Run(int exitCode, String output) {
        /** The fields {@code status} prints, one {@code "  key  value"} line each. */
        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher line = FIELD.matcher(output);
            while (line.find()) {
                fields.put(line.group(1), line.group(2));
            }
            return fields;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    private StatusCli() {
    }

    static Run run(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TestPaths.agentJar().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cors-agent.jar " + String.join(" ", arguments) + " did not end:\n" + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
