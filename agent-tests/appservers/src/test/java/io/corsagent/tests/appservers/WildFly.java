package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.corsagent.tests.containers.ServerProcess;

/**
 * WildFly from its distribution ({@code org.wildfly:wildfly-dist}), started with {@code bin/standalone.sh} in a
 * server base directory of its own ({@code -Djboss.server.base.dir}, a copy of the distribution's
 * {@code standalone/configuration}). The agent goes into {@code JAVA_OPTS} in a copy of {@code bin/standalone.conf}
 * (the script reads the copy named by {@code RUN_CONF}), as WildFly's documentation tells users to add JVM options.
 * The WARs are deployed by the deployment scanner at boot; the users are in the application realm's properties
 * files, which the default security domain ({@code other}) of the undertow subsystem uses for BASIC auth.
 */
final class WildFly implements AppServer {

    /** Every socket binding of the default standalone.xml; all moved by one port offset. */
    private static final int[] PORTS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};
    private static final int HTTP = 8080;
    private static final String REALM = "ApplicationRealm";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Path home;
    private final Deployments deployments;

    private WildFly(String name, Path home, Deployments deployments) {
        this.name = name;
        this.home = home;
        this.deployments = deployments;
    }

    /** WildFly 38 (Jakarta EE 11). */
    static WildFly jakarta() {
        return new WildFly("WildFly 38", Deployments.required("cors.wildfly.home"), Deployments.JAKARTA);
    }

    /** WildFly 26.1 (Java EE 8, the last javax release). */
    static WildFly javax() {
        return new WildFly("WildFly 26.1", Deployments.required("cors.wildfly.javax.home"), Deployments.JAVAX);
    }

    @Override
    public ServerProcess start(String javaagent) {
        try {
            Path base = Deployments.workDirectory("wildfly-");
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            Files.writeString(base.resolve("configuration/application-users.properties"),
                    Deployments.USER + "=" + digest(Deployments.USER + ":" + REALM + ":" + Deployments.PASSWORD) + "\n");
            Files.writeString(base.resolve("configuration/application-roles.properties"),
                    Deployments.USER + "=" + Deployments.APP_ROLE + "," + Deployments.JOLOKIA_ROLE + "\n");
            deployments.writeTo(base.resolve("deployments"));

            String conf = Files.readString(home.resolve("bin/standalone.conf"));
            if (javaagent != null) {
                conf += "\n# cors-agent\nJAVA_OPTS=\"$JAVA_OPTS " + javaagent + "\"\n";
            }
            Path runConf = Files.writeString(base.resolve("standalone.conf"), conf);

            int offset = FreePorts.offsetFor(PORTS);
            ProcessBuilder script = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                    "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset);
            script.environment().remove("JAVA_OPTS");
            script.environment().put("JAVA_HOME", System.getProperty("java.home"));
            script.environment().put("RUN_CONF", runConf.toString());
            // The script runs the JVM as its child and passes SIGTERM on, as under a service manager.
            script.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            ServerProcess server = ServerProcess.startScript(name + (javaagent == null ? "" : " with the agent"),
                    script, HTTP + offset, l -> l.contains("WFLYSRV0025") || l.contains("WFLYSRV0026"), START_TIMEOUT);
            // WFLYSRV0026 is "started (with errors)": a deployment failed.
            server.awaitLine(l -> l.contains("WFLYSRV0025"), Duration.ZERO);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The hash add-user.sh writes: hex MD5 of {@code user:realm:password}. */
    private static String digest(String userRealmPassword) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(userRealmPassword.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Override
    public String entryHook() {
        return "undertow";
    }

    @Override
    public boolean showsAsError(List<String> console, int line) {
        // WildFly logs what the JVM writes to stderr as "ERROR [stderr] (thread) line".
        return console.get(line).contains(" ERROR [stderr] ");
    }

    @Override
    public String toString() {
        return name;
    }
}
