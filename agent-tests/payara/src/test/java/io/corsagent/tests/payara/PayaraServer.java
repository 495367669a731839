package io.corsagent.tests.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.corsagent.tests.containers.RawHttp;

/**
 * Payara Server from its Maven Central distribution (GlassFish's modules in Apache Felix), set up and started with its
 * own {@code asadmin}: a new domain per run ({@code create-domain --portbase}, so that no default port is taken),
 * the agent in the domain's JVM options (where {@code asadmin create-jvm-options} puts them), both {@link Deployments}
 * in the domain's autodeploy directory, the user created with {@code create-file-user}.
 */
final class PayaraServer implements PayaraProcess {

    private static final String DOMAIN = "cors";
    /** asadmin commands and the apps' deployment take minutes on a busy two-core machine. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(8);

    private final Path domains;
    private final int portBase;

    private PayaraServer(Path domains, int portBase) {
        this.domains = domains;
        this.portBase = portBase;
    }

    /** @param jvmOption one more JVM option of the server, e.g. {@code -javaagent:...}; {@code null} for none */
    static PayaraServer start(String jvmOption) {
        Path work = Deployments.workDirectory("payara-server");
        PayaraServer server = new PayaraServer(work.resolve("domains"), freePortBase());
        try {
            server.asadmin("create-domain", "--nopassword=true", "--portbase", Integer.toString(server.portBase),
                    "--domaindir", server.domains.toString(), DOMAIN);
            Path domain = server.domains.resolve(DOMAIN);
            if (jvmOption != null) {
                addJvmOption(domain.resolve("config/domain.xml"), jvmOption);
            }
            Deployments.writeTo(domain.resolve("autodeploy"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.asadmin("start-domain", "--domaindir", server.domains.toString(), DOMAIN);
            Path password = Files.writeString(work.resolve("password.txt"), Deployments.PASSWORD_FILE_LINE);
            server.asadmin("--port", Integer.toString(server.portBase + 48), "--passwordfile", password.toString(),
                    "create-file-user", "--groups", Deployments.GROUPS, Deployments.USER);
            server.awaitDeployed();
            return server;
        } catch (IOException e) {
            server.stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    @Override
    public int port() {
        return portBase + 80;
    }

    @Override
    public long pid() {
        try {
            return Long.parseLong(Files.readString(domains.resolve(DOMAIN + "/config/pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The domain's server.log. */
    @Override
    public List<String> output() {
        try {
            return Files.readAllLines(domains.resolve(DOMAIN + "/logs/server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (!Files.exists(domains.resolve(DOMAIN + "/config/pid"))) {
            return;
        }
        long pid = pid();
        try {
            asadmin("stop-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (RuntimeException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The domain's config has the server's own JVM options first: the option goes with them. */
    private static void addJvmOption(Path domainXml, String option) throws IOException {
        String xml = Files.readString(domainXml);
        int javaConfig = xml.indexOf("<java-config ");
        int end = xml.indexOf('>', javaConfig) + 1;
        Files.writeString(domainXml, xml.substring(0, end) + "\n        <jvm-options>" + option + "</jvm-options>"
                + xml.substring(end));
    }

    /** Autodeploy goes on after start-domain returns: both apps answer once deployed (Jolokia with its 401). */
    private void awaitDeployed() {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                RawHttp.Response app = RawHttp.request("GET", "/app/__counters").send(port());
                RawHttp.Response jolokia = RawHttp.request("GET", "/jolokia/version").send(port());
                if (app.status() == 200 && jolokia.status() == 401) {
                    return;
                }
                last = app.statusLine() + " / " + jolokia.statusLine();
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Payara Server deploys", e);
            }
        }
        throw new IllegalStateException("the apps were not deployed in time; last answers: " + last
                + "\n" + String.join("\n", output()));
    }

    private void asadmin(String... arguments) {
        // Through sh: an unpacked zip need not keep the script's executable bit.
        List<String> command = new ArrayList<>(List.of("sh"));
        command.add(Deployments.required("cors.payara-server.home").resolve("bin/asadmin").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: asadmin " + String.join(" ", arguments), e);
        }
    }

    /**
     * A port base under which the domain's hundred ports are all free (create-domain checks every one it assigns), below
     * the kernel's ephemeral range (32768 and up on Linux), where the client side of any connection may take a port.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(100, 320) * 100;
            if (allFree(base, base + 100)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base");
    }

    private static boolean allFree(int from, int to) {
        for (int port = from; port < to; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
