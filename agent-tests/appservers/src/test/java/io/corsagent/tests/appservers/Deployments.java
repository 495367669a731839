package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The two WARs every application server serves: Jolokia's, unmodified from Maven Central (its own web.xml puts all
 * of it under BASIC auth for role {@link #JOLOKIA_ROLE}), and the test app (io.corsagent.testapp.TestApp) packed as
 * a WAR with a deployment descriptor; both in the servlet namespace of the server.
 */
enum Deployments {
    /** Java EE 8 and earlier: Jolokia 1.x, the test app as compiled. */
    JAVAX("cors.jolokia.javax", "cors.test-app.javax"),
    /** Jakarta EE 9 and later: Jolokia 2.x, the test app relocated to jakarta.servlet. */
    JAKARTA("cors.jolokia.jakarta", "cors.test-app.jakarta");

    static final String USER = "alice";
    static final String PASSWORD = "secret";
    /** The role Jolokia's web.xml requires for everything. */
    static final String JOLOKIA_ROLE = "jolokia";
    /** The role the test app's {@code /secure/*} requires. */
    static final String APP_ROLE = "user";

    static final String JOLOKIA_WAR = "jolokia.war";
    static final String APP_WAR = "app.war";

    private final String jolokiaProperty;
    private final String testAppProperty;

    Deployments(String jolokiaProperty, String testAppProperty) {
        this.jolokiaProperty = jolokiaProperty;
        this.testAppProperty = testAppProperty;
    }

    /** Writes {@link #JOLOKIA_WAR} and {@link #APP_WAR} into the directory (a server's deployment directory). */
    void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.copy(required(jolokiaProperty), directory.resolve(JOLOKIA_WAR));
            writeTestAppWar(directory.resolve(APP_WAR));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTestAppWar(Path war) throws IOException {
        Path jar = required(testAppProperty);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            try (var webXml = Deployments.class.getResourceAsStream("/test-app/web.xml")) {
                webXml.transferTo(zip);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
            Files.copy(jar, (OutputStream) zip);
            zip.closeEntry();
        }
    }

    static Path required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests through Maven)");
        }
        Path path = Paths.get(value).normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build agent-tests/appservers with its upstream modules (-am)");
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
}
