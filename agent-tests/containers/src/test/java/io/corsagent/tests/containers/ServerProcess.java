package io.corsagent.tests.containers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A server JVM forked for the tests, started with or without {@code -javaagent}, its output (stdout and stderr
 * merged) captured line by line. Servers are shared: one JVM per line and agent argument for the whole test run,
 * stopped when the test JVM exits (and, should that die, by the server itself when its stdin closes).
 */
public final class ServerProcess {

    private static final String LISTENING = "CORS-TEST-SERVER LISTENING ";
    /** A Spring Boot app takes a minute to start on a busy 2-core machine; the bound only catches a hung start. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** An application server's orderly shutdown takes seconds on a busy machine; a test server's none. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Map<String, ServerProcess> SHARED = new ConcurrentHashMap<>();

    private final String description;
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final int port;
    private boolean outputClosed;

    private ServerProcess(String description, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        this(description, withEnvironment(new ProcessBuilder(command), environment), l -> l.startsWith(LISTENING),
                l -> Integer.parseInt(l.substring(LISTENING.length()).trim()), START_TIMEOUT);
    }

    /**
     * @param ready the line that says the server is ready
     * @param port  the port it listens on, from that line
     */
    private ServerProcess(String description, ProcessBuilder command, Predicate<String> ready,
                          ToIntFunction<String> port, Duration startTimeout) throws IOException, InterruptedException {
        this.description = description;
        this.process = startReading(command);
        this.port = port.applyAsInt(awaitLine(ready, startTimeout));
    }

    private static ProcessBuilder withEnvironment(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment().putAll(environment);
        return builder;
    }

    private Process startReading(ProcessBuilder command) throws IOException {
        Process started = command.redirectErrorStream(true).start();
        Thread reader = new Thread(() -> readOutput(started), "output of " + description);
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    /**
     * The shared server of this line with this agent argument, started on first use.
     *
     * @param agentArgument the text after {@code cors-agent.jar=}, or {@code null} for a run without the agent
     */
    public static ServerProcess shared(ServerLine line, String agentArgument) {
        String key = line.name() + " " + (agentArgument == null ? "(no agent)" : agentArgument);
        return SHARED.computeIfAbsent(key, k -> start(k, line, agentArgument));
    }

    /**
     * A server of its own (never shared) for a test that changes it, e.g. by attaching the agent; the caller stops
     * it. {@code jvmOptions} go before the class path, e.g. {@code -XX:+EnableDynamicAgentLoading}.
     */
    public static ServerProcess startUnshared(ServerLine line, String... jvmOptions) {
        return startUnshared(line, Map.of(), jvmOptions);
    }

    /** {@link #startUnshared(ServerLine, String...)} with environment variables added, e.g. {@code JAVA_TOOL_OPTIONS}. */
    public static ServerProcess startUnshared(ServerLine line, Map<String, String> environment, String... jvmOptions) {
        String description = line.name() + " " + (environment.isEmpty() ? "" : environment + " ")
                + String.join(" ", jvmOptions) + " (unshared)";
        return start(description, line, null, environment, jvmOptions);
    }

    private static ServerProcess start(String description, ServerLine line, String agentArgument,
                                       String... jvmOptions) {
        return start(description, line, agentArgument, Map.of(), jvmOptions);
    }

    private static ServerProcess start(String description, ServerLine line, String agentArgument,
                                       Map<String, String> environment, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(line.javaExecutable().toString());
        command.add("-XX:TieredStopAtLevel=1");
        if (agentArgument != null) {
            command.add("-javaagent:" + TestPaths.agentJar() + "=" + agentArgument);
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(line.launchArguments());
        return start(() -> new ServerProcess(description, command, environment));
    }

    /**
     * A server started by its own start script (an application server's {@code bin/standalone.sh}, say), which
     * listens on a port the caller chose; ready when it prints a line matching {@code ready}. The caller stops it.
     */
    public static ServerProcess startScript(String description, ProcessBuilder script, int port,
                                            Predicate<String> ready, Duration startTimeout) {
        return start(() -> new ServerProcess(description, script, ready, l -> port, startTimeout));
    }

    private interface Starting {
        ServerProcess start() throws IOException, InterruptedException;
    }

    private static ServerProcess start(Starting starting) {
        try {
            ServerProcess server = starting.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The agent argument for a policy file in the test resources, with optional overrides like {@code mode=audit}. */
    public static String agentArgument(String policyFile, String... overrides) {
        Path policy = TestPaths.policy(policyFile);
        return overrides.length == 0 ? policy.toString() : policy + "," + String.join(",", overrides);
    }

    public int port() {
        return port;
    }

    /** Everything the server printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Waits until the server prints a line matching the predicate; fails with all its output otherwise. */
    public String awaitLine(Predicate<String> predicate, Duration timeout) throws InterruptedException {
        return awaitLines(predicate, 1, timeout);
    }

    /**
     * Waits until the server has printed {@code count} lines matching the predicate, counted from its first line,
     * and returns the last of them; fails with all its output otherwise.
     */
    public String awaitLines(Predicate<String> predicate, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            int seen = 0;
            int matched = 0;
            while (true) {
                for (; seen < output.size(); seen++) {
                    if (predicate.test(output.get(seen)) && ++matched == count) {
                        return output.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || outputClosed) {
                    throw new AssertionError(description + ": expected line not printed"
                            + (count == 1 ? " " : " " + count + " times (only " + matched + ") ")
                            + (outputClosed ? "before the server exited" : "within " + timeout)
                            + "; output:\n" + String.join("\n", output));
                }
                output.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    private void readOutput(Process started) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The server is gone; whoever waits for a line sees that.
        }
        synchronized (output) {
            outputClosed = true;
            output.notifyAll();
        }
    }

    /**
     * The server JVM's process id, e.g. for attaching to it: the process started, or, when that is a start script,
     * the one JVM it runs; through a launcher JVM ({@code asadmin start-domain --verbose}), the one JVM that runs no
     * other.
     */
    public long pid() {
        if (isJava(process.toHandle()) && process.descendants().noneMatch(ServerProcess::isJava)) {
            return process.pid();
        }
        List<ProcessHandle> jvms = process.descendants()
                .filter(h -> isJava(h) && h.children().noneMatch(ServerProcess::isJava)).toList();
        if (jvms.size() != 1) {
            throw new AssertionError(description + ": expected one JVM under the start script, found " + jvms);
        }
        return jvms.get(0).pid();
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /**
     * Stops the server as a service manager does: SIGTERM to the process and everything it started (a start
     * script's JVM shuts down through its own hooks), SIGKILL to whatever still runs after the grace time.
     */
    public void stop() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
