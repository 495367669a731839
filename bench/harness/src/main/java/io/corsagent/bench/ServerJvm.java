package io.corsagent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench server in a JVM of its own, started as {@code [taskset -c CPUS] java OPTIONS -cp ... MAIN CORS PORT}.
 * It prints {@code CORS-TEST-SERVER LISTENING <port>} when it serves, and exits when its standard input closes.
 */
final class ServerJvm implements AutoCloseable {

    private static final String LISTENING = "CORS-TEST-SERVER LISTENING ";
    private static final String CONTAINER = "CORS-BENCH-CONTAINER ";
    private static final int KEPT_LINES = 500;

    /**
     * The server JVM's heap and collector, the same for every set-up, then the options of
     * {@code -Dbench.server.options="..."} (space-separated; e.g. JIT settings to try on every set-up alike).
     */
    static final List<String> OPTIONS = options();

    private final Process process;
    private final Deque<String> lines = new ArrayDeque<>();
    private final long startNanos;
    private int port = -1;

    private ServerJvm(Process process, long startNanos) {
        this.process = process;
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
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(OPTIONS);
        command.addAll(List.of("-cp", BenchFiles.serverClassPath(container.module), container.mainClass));
        command.addAll(serverArguments);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerJvm(process, start);
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

    /** Waits for the listening line; fails with the server's output when it does not come. */
    ServerJvm awaitListening(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (port < 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive() && port < 0) {
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

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * CPU time the server JVM has used so far, all threads: utime + stime from /proc/<pid>/stat, in milliseconds
     * (10 ms resolution). Unlike throughput or wall time it hardly depends on what else runs on the machine.
     */
    double cpuMillis() throws IOException {
        return ticks(java.nio.file.Path.of("/proc/" + process.pid() + "/stat")) * 10.0;
    }

    /**
     * The same without the JIT compiler threads: the CPU time the JVM spends serving (request threads, selectors,
     * GC), which a run that still compiles would otherwise inflate, and more so with the agent's extra code.
     */
    double cpuMillisWithoutJit() throws IOException {
        return threadCpuMillis(false);
    }

    /**
     * CPU time of the JIT compiler threads alone: how much compiling a run still does. On the server's one CPU that
     * time is taken from the request threads, and code not yet compiled serves requests slower, so a measurement is
     * only steady once it is close to nothing.
     */
    double jitCpuMillis() throws IOException {
        return threadCpuMillis(true);
    }

    /** CPU time of the compiler threads ({@code jit}) or of every other thread, in milliseconds. */
    private double threadCpuMillis(boolean jit) throws IOException {
        long ticks = 0;
        try (java.util.stream.Stream<java.nio.file.Path> tasks =
                     java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + process.pid() + "/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String comm = java.nio.file.Files.readString(task.resolve("comm")).trim();
                    boolean compiler = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
                    if (compiler == jit) {
                        ticks += ticks(task.resolve("stat"));
                    }
                } catch (IOException threadEnded) {
                    // A thread that ended between the listing and the read: its time is gone from both readings.
                }
            }
        }
        return ticks * 10.0;
    }

    /** utime + stime in clock ticks (10 ms) from a /proc stat file: fields 14 and 15. */
    private static long ticks(java.nio.file.Path statFile) throws IOException {
        String stat = java.nio.file.Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name, field 3 (state) is index 0: utime (14) and stime (15) are at 11 and 12.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
                    if (port < 0 && line.startsWith(LISTENING)) {
                        port = Integer.parseInt(line.substring(LISTENING.length()).trim());
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The server is gone; its output so far is kept.
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
