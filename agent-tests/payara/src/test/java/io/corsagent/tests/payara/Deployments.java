package io.corsagent.tests.payara;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What every Payara serves: Jolokia's WAR as published, and the test app (io.corsagent.testapp.TestApp, its jakarta
 * build) packed as a WAR with the descriptor test-app/web.xml; and the one file-realm user both apps' roles go to.
 */
final class Deployments {

    static final String USER = "alice";
    /** What {@code asadmin --passwordfile} reads the new user's password from. */
    static final String PASSWORD_FILE_LINE = "AS_ADMIN_USERPASSWORD=secret\n";
    /** Jolokia's role (its web.xml) and the test app's ({@code /secure/*}), as file-realm groups. */
    static final String GROUPS = "jolokia:user";

    private Deployments() {
    }

    /** Writes {@code jolokia.war} and {@code app.war} into the directory. */
    static void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.copy(required("cors.jolokia"), directory.resolve("jolokia.war"));
            Path jar = required("cors.test-app.jakarta");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(directory.resolve("app.war")))) {
                zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
                try (var webXml = Deployments.class.getResourceAsStream("/test-app/web.xml")) {
                    webXml.transferTo(zip);
                }
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
                Files.copy(jar, (OutputStream) zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path required(String property) {
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

    /** A fresh directory under the module's target/servers for one server run. */
    static Path workDirectory(String prefix) {
        try {
            Path parent = Files.createDirectories(Paths.get(System.getProperty("cors.work.dir", "target/servers")));
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }
}
