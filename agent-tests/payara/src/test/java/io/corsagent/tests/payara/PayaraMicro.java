package io.corsagent.tests.payara;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro from its Maven Central jar, started as its documentation says ({@code java -jar payara-micro.jar
 * --deploy app.war --port N}) with the {@link Deployments}, its user created by a post-boot command. Clustering is off ({@code --nocluster}): it only slows the
 * start. Output (stdout and stderr merged) is kept line by line.
 */
final class PayaraMicro implements PayaraProcess {

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
            Path work = Deployments.workDirectory("payara-micro");
            Deployments.writeTo(work);
            Path password = Files.writeString(work.resolve("password.txt"), Deployments.PASSWORD_FILE_LINE);
            Path postBoot = Files.writeString(work.resolve("post-boot.txt"), "create-file-user --groups "
                    + Deployments.GROUPS + " --passwordfile " + password + " " + Deployments.USER + "\n");
            int port = Deployments.freePort();
            List<String> command = new ArrayList<>();
            command.add(Deployments.java().toString());
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", Deployments.required("cors.payara-micro").toString(),
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

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized List<String> output() {
        return new ArrayList<>(output);
    }

    @Override
    public void stop() {
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
}
