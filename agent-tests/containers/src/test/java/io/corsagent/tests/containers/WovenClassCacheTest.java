package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The woven-class cache, on JVMs of their own with a temporary directory of their own: the first start weaves the
 * container's and the app's classes and keeps them; a restart takes every one from the cache and never sets up the
 * weaver (Byte Buddy's {@code Advice}, which inlines the hooks' advice, is not even loaded), and the classes it takes
 * work: the entry hook answers, the filter hooks (subtype points) report the misordered auth filter.
 * {@code weave-cache=off} weaves again.
 */
class WovenClassCacheTest {

    private static final String WEAVER_CLASS = "io.corsagent.shaded.bytebuddy.asm.Advice ";
    private static final String FINDING = "misordered-auth [top-level]: io.corsagent.testapp.audit.BearerAuthFilter";

    @TempDir
    Path tmp;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ServerProcess::stop);
    }

    static Stream<ServerLine> lines() {
        return Stream.of(ServerLines.JETTY12_EE10_AUDIT_APP, ServerLines.TOMCAT10_AUDIT_APP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void aRestartTakesEveryWovenClassFromTheCacheAndNeverSetsUpTheWeaver(ServerLine line) throws Exception {
        ServerProcess first = startAndAudit(line);
        assertTrue(loadedTheWeaver(first), "the first start weaves");
        first.stop();
        List<Path> entries = cacheEntries();
        assertFalse(entries.isEmpty(), "the woven classes are kept");

        ServerProcess restarted = startAndAudit(line);
        assertFalse(loadedTheWeaver(restarted), () -> "a restart weaves nothing:\n" + String.join("\n",
                restarted.output().stream().filter(l -> l.contains("instrumented") || l.contains("bytebuddy")).toList()));
        assertEquals(entries, cacheEntries(), "and adds nothing to the cache");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void withTheCacheOffEveryStartWeaves(ServerLine line) throws Exception {
        startAndAudit(line, "weave-cache=off").stop();
        assertEquals(List.of(), cacheEntries());
        assertTrue(loadedTheWeaver(startAndAudit(line, "weave-cache=off")));
    }

    /** Starts the audit app in audit mode and checks that its hooks work: the auth filter's 401 is reported. */
    private ServerProcess startAndAudit(ServerLine line, String... options) throws Exception {
        List<String> argument = new ArrayList<>(List.of("mode=audit"));
        argument.addAll(List.of(options));
        ServerProcess server = ServerProcess.startUnshared(line, "-Djava.io.tmpdir=" + tmp, "-verbose:class",
                "-javaagent:" + TestPaths.agentJar() + "="
                        + ServerProcess.agentArgument("audit-app.properties", argument.toArray(new String[0])));
        servers.add(server);
        StatusProperty.await(server.pid(), "state", "active");
        assertEquals(401, RawHttp.request("OPTIONS", "/app/misordered/orders").origin("https://app.example.com")
                .header("Access-Control-Request-Method", "PUT").send(server.port()).status());
        server.awaitLine(l -> l.contains(FINDING), Duration.ofSeconds(10));
        return server;
    }

    private static boolean loadedTheWeaver(ServerProcess server) {
        return server.output().stream().anyMatch(l -> l.contains(WEAVER_CLASS));
    }

    private List<Path> cacheEntries() throws IOException {
        Path agentDir = tmp.resolve("cors-agent-" + System.getProperty("user.name"));
        if (!Files.isDirectory(agentDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(agentDir)) {
            return files.filter(f -> f.getParent().getFileName().toString().startsWith("woven-"))
                    .filter(f -> f.toString().endsWith(".woven")).sorted().toList();
        }
    }
}
