package io.corsagent.tests.payara;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Payara Micro from its Maven Central jar, started as its documentation says ({@code java -jar payara-micro.jar
 * --deploy app.war --port N}), serving Jolokia's unmodified WAR (all of it under BASIC auth for role
 * {@code jolokia}) at {@code /jolokia} and the test app (io.corsagent.testapp.TestApp) as a WAR at {@code /app}, with
 * one file-realm user, {@code alice}, in both apps' roles. Clustering is off ({@code --nocluster}): it only slows the
 * start. Output (stdout and stderr merged) is kept line by line.
 */
final class PayaraMicro {

    /** Payara Micro unpacks its runtime and deploys two WARs: minutes on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final String READY = "Payara Micro ";
    private static final String READY_SUFFIX = " ready in ";

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();
    private boolean outputClosed;

    private PayaraMicro(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "output of Payara Micro");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param jvmOptions before {@code -jar}, e.g. {@code -javaagent:...} */
    static PayaraMicro start(String... jvmOptions) {
        try {
            Path work = Files.createTempDirectory(Files.createDirectories(
                    Paths.get(System.getProperty("cors.work.dir", "target/servers"))), "payara-micro");
            Files.copy(required("cors.jolokia"), work.resolve("jolokia.war"));
            writeTestAppWar(work.resolve("app.war"));
            Path password = Files.writeString(work.resolve("password.txt"), "AS_ADMIN_USERPASSWORD=secret\n");
            Path postBoot = Files.writeString(work.resolve("post-boot.txt"),
                    "create-file-user --groups jolokia:user --passwordfile " + password + " alice\n");
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", required("cors.payara-micro").toString(),
                    "--nocluster", "--port", Integer.toString(port), "--rootdir", work.resolve("root").toString(),
                    "--postbootcommandfile", postBoot.toString(),
                    "--deploy", work.resolve("jolokia.war").toString(), "--deploy", work.resolve("app.war").toString()));
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            PayaraMicro server = new PayaraMicro(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Every line the server printed so far. */
    synchronized List<String> output() {
        return new ArrayList<>(output);
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        synchronized (this) {
            int seen = 0;
            while (true) {
                for (; seen < output.size(); seen++) {
                    String line = output.get(seen);
                    if (line.contains(READY) && line.contains(READY_SUFFIX)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (outputClosed || left <= 0) {
                    stop();
                    throw new IllegalStateException("Payara Micro did not get ready" + (outputClosed ? " (exited)" : "")
                            + "; its output:\n" + String.join("\n", output));
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while Payara Micro starts", e);
                }
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (this) {
                    output.add(line);
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The process ended: what it printed is kept, and outputClosed says so.
        } finally {
            synchronized (this) {
                outputClosed = true;
                notifyAll();
            }
        }
    }

    private static void writeTestAppWar(Path war) throws IOException {
        Path jar = required("cors.test-app.jakarta");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            try (var webXml = PayaraMicro.class.getResourceAsStream("/test-app/web.xml")) {
                webXml.transferTo(zip);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
            Files.copy(jar, (OutputStream) zip);
            zip.closeEntry();
        }
    }

    private static Path required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests through Maven)");
        }
        Path path = Paths.get(value).normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build agent-tests/payara with its upstream modules (-am)");
        }
        return path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
