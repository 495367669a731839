package io.corsagent.tests.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The demo app in a JVM of its own, optionally with {@code -javaagent}. Its output goes to a log file, which
 * failure messages quote.
 */
final class DemoServer implements AutoCloseable {

    private static final String READY = "demo-app ready:";
    private static final long START_TIMEOUT_MS = 30_000;

    final int apiPort;
    final int pagePort;
    final int attackerPort;
    private final Process process;
    private final Path log;

    private DemoServer(int[] ports, Process process, Path log) {
        this.apiPort = ports[0];
        this.pagePort = ports[1];
        this.attackerPort = ports[2];
        this.process = process;
        this.log = log;
    }

    /**
     * @param name names the log file
     * @param pagePortAndJvmOptions receives the chosen page port (the policy must name its origin) and returns the
     *     JVM options to add, such as {@code -javaagent:...}
     */
    static DemoServer start(String name, IntFunction<List<String>> pagePortAndJvmOptions)
            throws IOException, InterruptedException {
        int[] ports = freePorts(3);
        Path log = BuiltArtifacts.workDirectory().resolve("demo-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(pagePortAndJvmOptions.apply(ports[1]));
        command.add("-Ddemo.api.port=" + ports[0]);
        command.add("-Ddemo.page.port=" + ports[1]);
        command.add("-Ddemo.attacker.port=" + ports[2]);
        command.add("-jar");
        command.add(BuiltArtifacts.demoJar().toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DemoServer server = new DemoServer(ports, process, log);
        server.awaitReady(command);
        return server;
    }

    String pageUrl() {
        return "http://localhost:" + pagePort + "/";
    }

    String attackerUrl() {
        return "http://localhost:" + attackerPort + "/";
    }

    String pageOrigin() {
        return "http://localhost:" + pagePort;
    }

    long pid() {
        return process.pid();
    }

    /** Everything the demo JVM (and the agent in it) has printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void awaitReady(List<String> command) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (output().contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("demo JVM exited with " + process.exitValue() + ": " + command
                        + "\n" + output());
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("demo JVM not ready after " + START_TIMEOUT_MS + " ms: " + command + "\n"
                + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Ports free right now; held open together so that the three differ. */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
