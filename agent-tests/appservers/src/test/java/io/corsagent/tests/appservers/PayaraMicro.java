package io.corsagent.tests.appservers;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.corsagent.tests.containers.ServerProcess;

/**
 * Payara Micro from its Maven Central jar ({@code fish.payara.extras:payara-micro}), started as its documentation
 * says: {@code java [jvm options] -jar payara-micro.jar --deploy app.war --port N}, with both WARs of
 * {@link Deployments#JAKARTA} and the user created by a post-boot command ({@code create-file-user}) in the file
 * realm, whose groups Payara maps to the roles of the same name. Clustering is off ({@code --nocluster}): it only
 * slows the start.
 */
final class PayaraMicro implements AppServer {

    /** Payara Micro unpacks its runtime and deploys two WARs: minutes on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    @Override
    public ServerProcess start(String javaagent) {
        Path work = Deployments.workDirectory("payara-micro-");
        Deployments.JAKARTA.writeTo(work);
        Path postBoot = PayaraFileRealm.postBootCommandFile(work);
        int port = FreePorts.one();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (javaagent != null) {
            command.add(javaagent);
        }
        command.addAll(List.of("-jar", Deployments.required("cors.payara-micro").toString(),
                "--nocluster", "--port", Integer.toString(port), "--rootdir", work.resolve("root").toString(),
                "--postbootcommandfile", postBoot.toString(),
                "--deploy", work.resolve(Deployments.JOLOKIA_WAR).toString(),
                "--deploy", work.resolve(Deployments.APP_WAR).toString()));
        ProcessBuilder java = new ProcessBuilder(command).directory(work.toFile());
        // Its last start-up line ("Payara Micro <version> ... ready in <n> (ms)") comes after both deployments.
        return ServerProcess.startScript("Payara Micro" + (javaagent == null ? "" : " with the agent"), java, port,
                l -> l.contains("Payara Micro ") && l.contains(" ready in "), START_TIMEOUT);
    }

    @Override
    public String entryHook() {
        return "glassfish";
    }

    @Override
    public boolean showsAsError(List<String> console, int line) {
        // Payara Micro's console has one line per log record, its level in brackets ("[SEVERE]", colours aside);
        // what the JVM writes to stdout and stderr goes to the console as it is.
        return console.get(line).contains("SEVERE");
    }

    @Override
    public String toString() {
        return "Payara Micro 6";
    }
}
