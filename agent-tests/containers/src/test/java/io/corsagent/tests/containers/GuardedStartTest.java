package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At a first start the container loads the classes to instrument while the agent is still setting its weaver up
 * beside it: they load guarded, and the agent weaves them (retransforms them) once the weaver is ready. Here the
 * test-only switch {@code -Dcors-agent.test.weaver-delay-ms} makes that seconds after the server listens: a preflight
 * sent at once waits in the guard, then the woven hooks answer it as they answer any other; the JVM's redefinition
 * log shows the classes woven late.
 */
class GuardedStartTest {

    private static final long WEAVER_DELAY_MS = 3_000;

    /** An empty woven-class cache: a first start. */
    @TempDir
    Path tmp;

    /** The newest release of each line: the oldest ones have the same hook points, and a start each costs seconds. */
    static Stream<ServerLine> lines() {
        return ServerLines.newest().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void aRequestThatArrivesBeforeTheClassesAreWovenWaitsForThemAndIsAnsweredByTheAgent(ServerLine line)
            throws Exception {
        long start = System.nanoTime();
        ServerProcess server = ServerProcess.startUnshared(line, "-Djava.io.tmpdir=" + tmp,
                "-Dcors-agent.test.weaver-delay-ms=" + WEAVER_DELAY_MS, "-Xlog:redefine+class+load=info",
                "-javaagent:" + TestPaths.agentJar() + "=" + ServerProcess.agentArgument("enforce.properties"));
        try {
            long listening = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            RawHttp.Response response = RawHttp.request("OPTIONS", "/app/api/data").origin(ALLOWED)
                    .header("Access-Control-Request-Method", "PUT").send(server.port());
            long answered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(204, response.status(), response::toString);
            assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), response::toString);
            assertTrue(listening < WEAVER_DELAY_MS && answered >= WEAVER_DELAY_MS, () -> "listening after "
                    + listening + " ms, answered after " + answered + " ms: the preflight was to wait for the weaver");
            server.awaitLine(l -> l.contains("redefined name="), Duration.ofSeconds(5));
            server.awaitLine(l -> l.contains("the test-only switch -Dcors-agent.test.weaver-delay-ms=3000 is set"),
                    Duration.ofSeconds(5));
        } finally {
            server.stop();
        }
    }
}
