package io.corsagent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bench server in a JVM of its own, started as its line says ({@link ServerLaunch}: a launcher main, or an
 * application server's start script) under {@code [taskset -c CPUS]}, which every process it starts inherits. What
 * is measured is the server JVM: the process started, or the one JVM a start script runs.
 */
final class ServerJvm implements AutoCloseable {

    private static final String CONTAINER = "CORS-BENCH-CONTAINER ";
    private static final int KEPT_LINES = 500;

    /**
     * The server JVM's heap and collector, the same for every set-up, then the options of
     * {@code -Dbench.server.options="..."} (space-separated; e.g. JIT settings to try on every set-up alike).
     */
    static final List<String> OPTIONS = options();

    private final Process process;
    private final ServerLaunch launch;
    private final ServerLaunch.Start start;
    private final Deque<String> lines = new ArrayDeque<>();
    private final long startNanos;
    private int port = -1;
    private boolean failed;
    /** The server JVM, found on first use (a start script has started it by then). */
    private ProcessHandle jvm;

    private ServerJvm(Process process, ServerLaunch launch, ServerLaunch.Start start, long startNanos) {
        this.process = process;
        this.launch = launch;
        this.start = start;
        this.startNanos = startNanos;
        Thread reader = new Thread(this::readOutput, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param cpus        the CPU list for taskset, or {@code null} to let the server use every CPU
     * @param jvmOptions  options before the heap options (e.g. the agent)
     * @param port        0 for an ephemeral port
     */
    static ServerJvm start(Container container, String serverCors, String cpus, List<String> jvmOptions, int port)
            throws IOException {
        return start(container, List.of(serverCors, Integer.toString(port)), cpus, jvmOptions);
    }

    /** @param serverArguments the server main's arguments: CORS set-up, port, pass-through filters */
    static ServerJvm start(Container container, List<String> serverArguments, String cpus, List<String> jvmOptions)
            throws IOException {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(OPTIONS);
        ServerLaunch.Start start = container.launch.prepare(serverArguments, options);
        ProcessBuilder builder = start.process().redirectErrorStream(true);
        if (cpus != null) {
            List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus));
            command.addAll(builder.command());
            builder.command(command);
        }
        long startNanos = System.nanoTime();
        return new ServerJvm(builder.start(), container.launch, start, startNanos);
    }

    private static List<String> options() {
        List<String> options = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC"));
        for (String option : System.getProperty("bench.server.options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return List.copyOf(options);
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Waits for the line that says the server serves, as long as its line may take to start; fails with the server's
     * output when it does not come.
     */
    ServerJvm awaitListening() throws InterruptedException {
        long deadline = System.currentTimeMillis() + launch.startTimeoutMillis();
        synchronized (lines) {
            while (port < 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || failed || !process.isAlive()) {
                    close();
                    throw new IllegalStateException("server did not start:\n" + output());
                }
                lines.wait(Math.min(left, 100));
            }
        }
        return this;
    }

    int port() {
        return port;
    }

    /** The server JVM's process id: the process started, or the one JVM its start script runs. */
    long pid() {
        return jvm().pid();
    }

    private synchronized ProcessHandle jvm() {
        if (jvm == null) {
            if (isJava(process.toHandle())) {
                jvm = process.toHandle();
            } else {
                List<ProcessHandle> jvms = process.descendants().filter(ServerJvm::isJava).toList();
                if (jvms.size() != 1) {
                    throw new IllegalStateException("expected one JVM under the start script, found " + jvms);
                }
                jvm = jvms.get(0);
            }
        }
        return jvm;
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * CPU time the server JVM has used so far, all threads: utime + stime from /proc/<pid>/stat, in milliseconds
     * (10 ms resolution). Unlike throughput or wall time it hardly depends on what else runs on the machine.
     */
    double cpuMillis() throws IOException {
        return ThreadCpu.ticks(java.nio.file.Path.of("/proc/" + pid() + "/stat")) * 10.0;
    }

    /** The CPU time of each of the JVM's threads now, to compare with a later sample. */
    ThreadCpu threadCpu() throws IOException {
        return ThreadCpu.sample(pid());
    }

    /** The container and version the server printed (e.g. {@code Apache Tomcat/9.0.112}), or null. */
    String containerVersion() {
        String line = lineContaining(CONTAINER);
        return line == null ? null : line.substring(line.indexOf(CONTAINER) + CONTAINER.length()).trim();
    }

    /** The last lines the server printed (stdout and stderr). */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The first line the server printed that contains {@code text}, among those kept, or null. */
    String lineContaining(String text) {
        synchronized (lines) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return null;
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    if (lines.size() == KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                    if (port < 0) {
                        port = start.servingPort(line);
                        failed |= start.failed(line);
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The server is gone; its output so far is kept.
        }
    }

    /**
     * Stops the server: its standard input closed (a launcher main exits then), and SIGTERM to the process and all it
     * started (a start script's JVM shuts down through its own hooks); SIGKILL to whatever still runs 30 s later.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // The signals below stop it either way.
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException stillRunning) {
                handle.destroyForcibly();
            }
        }
    }
}
