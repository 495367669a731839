package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.corsagent.tests.containers.ServerProcess;

/**
 * Open Liberty from its distribution ({@code io.openliberty:openliberty-runtime}), started with
 * {@code bin/server run} in a user directory of its own ({@code WLP_USER_DIR}): features {@code servlet-6.0} and
 * {@code appSecurity-5.0}, a basic user registry, both WARs with their security roles bound to the user in
 * {@code server.xml}. The agent goes into the server's {@code jvm.options}, where Liberty's documentation puts JVM
 * options.
 */
final class OpenLiberty implements AppServer {

    private static final String SERVER = "cors";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path home = Deployments.required("cors.openliberty.home");

    @Override
    public ServerProcess start(String javaagent) {
        try {
            Path userDir = Deployments.workDirectory("openliberty-");
            Path serverDir = Files.createDirectories(userDir.resolve("servers").resolve(SERVER));
            int port = FreePorts.one();
            Files.writeString(serverDir.resolve("server.xml"), serverXml(port));
            if (javaagent != null) {
                Files.writeString(serverDir.resolve("jvm.options"), javaagent + "\n");
            }
            Deployments.JAKARTA.writeTo(serverDir.resolve("apps"));

            ProcessBuilder script = new ProcessBuilder(home.resolve("bin/server").toString(), "run", SERVER);
            script.environment().remove("JVM_ARGS");
            script.environment().put("JAVA_HOME", System.getProperty("java.home"));
            script.environment().put("WLP_USER_DIR", userDir.toString());
            // CWWKF0011I: the server is ready (after the applications in server.xml have started).
            ServerProcess server = ServerProcess.startScript("Open Liberty" + (javaagent == null ? "" : " with the agent"),
                    script, port, l -> l.contains("CWWKF0011I"), START_TIMEOUT);
            for (String war : new String[] {"jolokia", "app"}) {
                server.awaitLine(l -> l.contains("CWWKZ0001I") && l.contains(" " + war + " "), Duration.ZERO);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String serverXml(int port) {
        return """
                <server description="cors-agent tests">
                  <featureManager>
                    <feature>servlet-6.0</feature>
                    <feature>appSecurity-5.0</feature>
                  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                  <basicRegistry id="basic" realm="cors-test">
                    <user name="%s" password="%s"/>
                  </basicRegistry>
                  <webApplication id="jolokia" name="jolokia" location="%s" contextRoot="/jolokia">
                    <application-bnd>
                      <security-role name="%s"><user name="%s"/></security-role>
                    </application-bnd>
                  </webApplication>
                  <webApplication id="app" name="app" location="%s" contextRoot="/app">
                    <application-bnd>
                      <security-role name="%s"><user name="%s"/></security-role>
                    </application-bnd>
                  </webApplication>
                </server>
                """.formatted(port, Deployments.USER, Deployments.PASSWORD,
                Deployments.JOLOKIA_WAR, Deployments.JOLOKIA_ROLE, Deployments.USER,
                Deployments.APP_WAR, Deployments.APP_ROLE, Deployments.USER);
    }

    @Override
    public String entryHook() {
        return "liberty";
    }

    @Override
    public boolean showsAsError(List<String> console, int line) {
        // Liberty copies what the JVM writes to stderr to its console as "[err] line".
        return console.get(line).startsWith("[err] ");
    }

    @Override
    public String toString() {
        return "Open Liberty 25";
    }
}
