package io.corsagent.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * WildFly from its distribution (unpacked by the module's build into {@code target/dist}), started as its
 * documentation says: {@code bin/standalone.sh} with the JVM options added to {@code JAVA_OPTS} in a copy of
 * {@code bin/standalone.conf} (named by {@code RUN_CONF}), so the server JVM runs with the script's own options and
 * the bench's. Each server gets a base directory of its own under {@code target/servers} (a copy of the
 * distribution's configuration, the bench WAR as {@code deployments/app.war}, served at {@code /app}) and a port
 * offset that moves every port of the default configuration to a free one, since all of a round's set-ups run at
 * once. The launcher's arguments reach the WAR as a system property; the server is ready when it logs that it
 * started (WFLYSRV0025), and started with errors (WFLYSRV0026, a failed deployment) counts as failed.
 */
final class WildFlyLaunch implements ServerLaunch {

    private static final int HTTP = 8080;
    /** Every socket binding of the default standalone.xml: http, https, ajp, management http and https, txn. */
    private static final int[] PORTS = {HTTP, 8443, 8009, 9990, 9993, 4712, 4713};
    /** Read by bench-app's WarDeployment (BenchServerArguments.PROPERTY). */
    private static final String ARGUMENTS_PROPERTY = "cors-bench.arguments";
    /** What the conf file's shell and the script's eval would split or expand: such an option is refused. */
    private static final Pattern SHELL_SPECIAL = Pattern.compile("[\\s\"'`$\\\\;&|<>()]");

    private final String module;

    WildFlyLaunch(String module) {
        this.module = module;
    }

    /** A full application server: its boot took over a minute on one busy CPU with the agent. */
    @Override
    public long startTimeoutMillis() {
        return 300_000;
    }

    @Override
    public Start prepare(List<String> serverArguments, List<String> jvmOptions) throws IOException {
        if (!serverArguments.get(1).equals("0")) {
            throw new IllegalArgumentException("WildFly takes its port from a free port offset: ask for port 0");
        }
        Path home = home();
        Path servers = Files.createDirectories(BenchFiles.moduleTarget(module).resolve("servers"));
        Path base = Files.createTempDirectory(servers, "wildfly-");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        BenchWar.write(module, Files.createDirectories(base.resolve("deployments")).resolve("app.war"));

        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-D" + ARGUMENTS_PROPERTY + "=" + String.join(",", serverArguments));
        for (String option : options) {
            if (SHELL_SPECIAL.matcher(option).find()) {
                throw new IllegalArgumentException("a JVM option for WildFly's JAVA_OPTS must need no shell quoting: "
                        + option);
            }
        }
        Path runConf = base.resolve("standalone.conf");
        Files.writeString(runConf, Files.readString(home.resolve("bin/standalone.conf"))
                + "\n# cors-agent bench: the set-up's options, the heap and collector of every bench server\n"
                + "JAVA_OPTS=\"$JAVA_OPTS " + String.join(" ", options) + "\"\n");

        int offset = freePortOffset();
        ProcessBuilder process = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset);
        process.environment().remove("JAVA_OPTS");
        process.environment().put("JAVA_HOME", Path.of(ServerJvm.javaExecutable()).getParent().getParent().toString());
        process.environment().put("RUN_CONF", runConf.toString());
        // The script runs the JVM as its child and passes signals on, as under a service manager.
        process.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        return new Start(process, line -> line.contains("WFLYSRV0025") ? HTTP + offset : -1,
                line -> line.contains("WFLYSRV0026"));
    }

    /** The one {@code wildfly-*} directory the module's build unpacked. */
    private Path home() throws IOException {
        Path dist = BenchFiles.moduleTarget(module).resolve("dist");
        List<Path> homes;
        try (Stream<Path> entries = Files.exists(dist) ? Files.list(dist) : Stream.empty()) {
            homes = entries.filter(p -> p.getFileName().toString().startsWith("wildfly-")).toList();
        }
        if (homes.size() != 1) {
            throw new IllegalStateException("expected one WildFly distribution in " + dist
                    + " (build first: bench/*.sh do), found " + homes);
        }
        return homes.get(0);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** An offset that leaves every port of {@link #PORTS} free right now (WildFly binds them moments later). */
    private static int freePortOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 50_000);
            if (IntStream.of(PORTS).allMatch(port -> isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset leaves all of WildFly's ports free");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
