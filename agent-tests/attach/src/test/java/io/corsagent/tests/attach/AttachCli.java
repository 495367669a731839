package io.corsagent.tests.attach;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.corsagent.tests.containers.TestPaths;

/** The CLI as users run it: {@code java -jar cors-agent.jar <command> ...}, forked, on the test's JDK. */
public final class AttachCli {

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("(?m)^  (\\S+) +(.*)$");

    /** One run of the command: exit code and both streams. */
    public record Run(int exitCode, String out, String err) {
        /** The fields {@code status} prints, one {@code "  key  value"} line each. */
        public java.util.Map<String, String> fields() {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            java.util.regex.Matcher line = FIELD.matcher(out);
            while (line.find()) {
                fields.put(line.group(1), line.group(2));
            }
            return fields;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private AttachCli() {
    }

    public static Run run(String... arguments) {
        return runAs(List.of(), arguments);
    }

    /** @param prefix a command to run java under, e.g. {@code runuser -u nobody --}; empty for none */
    public static Run runAs(List<String> prefix, String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(TestPaths.agentJar().toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
            errReader.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "cors-agent.jar did not exit: " + command);
            errReader.join();
            return new Run(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
