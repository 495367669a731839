package io.corsagent.tests.appservers;

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

import io.corsagent.tests.containers.ServerProcess;

/**
 * Payara Server from its Maven Central distribution ({@code fish.payara.distributions:payara}, GlassFish's modules in
 * Apache Felix), set up and started with its own {@code asadmin}: a new domain per run ({@code create-domain
 * --portbase}, so that no default port is taken), the agent in the domain's JVM options (where {@code asadmin
 * create-jvm-options} puts them), both WARs of {@link Deployments#JAKARTA} in the domain's autodeploy directory, the
 * user created by a post-boot command, the domain run in the foreground ({@code start-domain --verbose}, as the
 * distribution's {@code glassfish/bin/startserv} does) so that its log is the console.
 */
final class PayaraServer implements AppServer {

    private static final String DOMAIN = "cors";
    /** Where create-domain puts the HTTP listener above the port base. */
    private static final int HTTP = 80;
    /** asadmin commands and the apps' deployment take minutes on a busy two-core machine. */
    private static final Duration TIMEOUT = Duration.ofMinutes(8);

    private final Path home = Deployments.required("cors.payara-server.home");

    @Override
    public ServerProcess start(String javaagent) {
        try {
            Path work = Deployments.workDirectory("payara-server-");
            Path domains = work.resolve("domains");
            int portBase = freePortBase();
            asadmin("create-domain", "--nopassword=true", "--portbase", Integer.toString(portBase),
                    "--domaindir", domains.toString(), DOMAIN);
            Path domain = domains.resolve(DOMAIN);
            if (javaagent != null) {
                addJvmOption(domain.resolve("config/domain.xml"), javaagent);
            }
            Deployments.JAKARTA.writeTo(domain.resolve("autodeploy"));
            ProcessBuilder startDomain = asadminCommand("start-domain", "--verbose", "--postbootcommandfile",
                    PayaraFileRealm.postBootCommandFile(work).toString(), "--domaindir", domains.toString(), DOMAIN);
            // NCLS-CORE-00017: "Payara Server <version> startup time : ..."; autodeploy goes on after it.
            ServerProcess server = ServerProcess.startScript("Payara Server" + (javaagent == null ? "" : " with the agent"),
                    startDomain, portBase + HTTP, l -> l.contains("startup time :"), TIMEOUT);
            try {
                for (String war : List.of(Deployments.JOLOKIA_WAR, Deployments.APP_WAR)) {
                    server.awaitLine(l -> l.contains("[AutoDeploy] Successfully autodeployed : ")
                            && l.contains("/" + war + "."), TIMEOUT);
                }
            } catch (AssertionError | InterruptedException e) {
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private ProcessBuilder asadminCommand(String... arguments) {
        // Through sh: an unpacked zip need not keep the script's executable bit.
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/asadmin").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        return builder;
    }

    private void asadmin(String... arguments) throws IOException, InterruptedException {
        Process process = asadminCommand(arguments).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    /**
     * A port base under which the domain's hundred ports are all free (create-domain checks every one it assigns),
     * below the kernel's ephemeral range (32768 and up on Linux), where the client side of any connection may take a
     * port.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(100, 320) * 100;
            if (FreePorts.allFree(base, 100)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base");
    }

    @Override
    public String entryHook() {
        return "glassfish";
    }

    @Override
    public boolean showsAsError(List<String> console, int line) {
        // The domain's console has a record per message, "[#|time|LEVEL|product|...|" on the line before the
        // message's lines; once its logging runs, it logs what the JVM writes to stderr as SEVERE, to stdout as INFO.
        for (int i = line; i >= 0; i--) {
            if (console.get(i).startsWith("[#|")) {
                return console.get(i).contains("|SEVERE|");
            }
            if (i < line && console.get(i).contains("|#]")) {
                return false; // after the end of a record: a line as the JVM wrote it, before logging ran
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Payara Server 6";
    }
}
