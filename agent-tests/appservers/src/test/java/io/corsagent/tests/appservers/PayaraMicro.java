package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.corsagent.tests.containers.ServerProcess;

/**
 * Payara Micro from its Maven artifact ({@code fish.payara.extras:payara-micro}), started as its documentation
 * starts it, {@code java [-javaagent:...] -jar payara-micro.jar} with {@code --deploy} for each WAR (context root:
 * the file name), its runtime in a root directory of its own ({@code --rootdir}), no clustering. The user is made by a
 * post-boot command ({@code create-file-user}, in the default file realm, its password in a password file); Payara's
 * default principal-to-role mapping turns its groups into the WARs' roles.
 */
final class PayaraMicro implements AppServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path jar = Deployments.required("cors.payara-micro.jar");

    @Override
    public ServerProcess start(String javaagent) {
        try {
            Path dir = Deployments.workDirectory("payara-micro-");
            Path apps = dir.resolve("apps");
            Deployments.JAKARTA.writeTo(apps);
            Path passwords = Files.writeString(dir.resolve("passwords.txt"),
                    "AS_ADMIN_USERPASSWORD=" + Deployments.PASSWORD + "\n");
            Path postBoot = Files.writeString(dir.resolve("post-boot.txt"), "create-file-user --passwordfile "
                    + passwords + " --groups " + Deployments.APP_ROLE + ":" + Deployments.JOLOKIA_ROLE + " "
                    + Deployments.USER + "\n");
            int port = FreePorts.one();

            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            if (javaagent != null) {
                command.add(javaagent);
            }
            command.addAll(List.of("-jar", jar.toString(), "--nocluster", "--port", Integer.toString(port),
                    "--rootdir", dir.resolve("root").toString(), "--postbootcommandfile", postBoot.toString(),
                    "--deploy", apps.resolve(Deployments.JOLOKIA_WAR).toString(),
                    "--deploy", apps.resolve(Deployments.APP_WAR).toString()));
            ServerProcess server = ServerProcess.startScript("Payara Micro" + (javaagent == null ? "" : " with the agent"),
                    new ProcessBuilder(command), port, l -> l.contains("Payara Micro ") && l.contains(" ready in "),
                    START_TIMEOUT);
            server.awaitLine(l -> l.contains("Deployed 2 archive(s)"), Duration.ZERO);
            initializeJolokia(port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Jolokia boots Payara's AMX on its first request, on the request's thread: on a busy machine that takes longer
     * than a test request may. One request with time for it, before the tests.
     */
    private static void initializeJolokia(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Requests.JOLOKIA_VERSION))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Deployments.USER + ":" + Deployments.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(START_TIMEOUT)
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Jolokia's first request on Payara Micro: " + response.statusCode() + " "
                    + response.body());
        }
    }

    @Override
    public String entryHook() {
        // The GlassFish web container's entry hook (issue 18), named as the hook that adds it names itself.
        return "glassfish";
    }

    @Override
    public boolean showsAsError(String consoleLine) {
        // Payara logs what the JVM writes to stderr as a SEVERE record, one line each.
        return consoleLine.contains("SEVERE");
    }

    @Override
    public String toString() {
        return "Payara Micro 6";
    }
}
