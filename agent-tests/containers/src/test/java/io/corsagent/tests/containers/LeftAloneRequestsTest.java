package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request a container's entry hook leaves alone is marked as seen, so the servlet-level fallback, which stands by
 * on every container, never decides it a second time. The engine failing in {@code enter} (the test-only switch
 * {@code -Dcors-agent.test.fail-in=enter}) is such a request: the entry hook counts one failure and lets it through;
 * a fallback deciding it again would fail and count a second one. That holds for a request the app serves on a thread
 * of its own once it is async ({@code ?async=thread}), away from the entry hook's thread mark, while the container's
 * REQUEST dispatch is still under way.
 */
class LeftAloneRequestsTest {

    static Stream<ServerLine> linesWithAnEntryHook() {
        return Stream.of(ServerLines.TOMCAT9, ServerLines.JETTY94, ServerLines.JETTY11, ServerLines.JETTY12_EE10,
                ServerLines.UNDERTOW22, ServerLines.UNDERTOW23);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linesWithAnEntryHook")
    void aRequestTheEntryHookLeftAloneIsNotDecidedAgainByTheFallback(ServerLine line) throws Exception {
        ServerProcess server = ServerProcess.startUnshared(line, "-Dcors-agent.test.fail-in=enter",
                "-javaagent:" + TestPaths.agentJar() + "=" + ServerProcess.agentArgument("enforce.properties"));
        try {
            StatusProperty.await(server.pid(), "state", "active");
            for (String path : List.of("/app/api/data", "/app/api/data", "/app/api/data?async=thread")) {
                RawHttp.Response response = RawHttp.request("GET", path).origin(ALLOWED).bearer().send(server.port());
                assertEquals(200, response.status(), response::toString);
                assertEquals("GET /app/api/data\n", response.body(), response::toString);
                assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), "the app's own reflection");
            }
            StatusProperty.await(server.pid(), "errors", "3");
            // The status is republished every second, and every request above has completed: a second decision by
            // the fallback (4 failures or more) would show within that time. Waiting longer cannot turn a pass into
            // a failure.
            Thread.sleep(1_500);
            assertEquals("3", StatusProperty.read(server.pid()).get("errors"), "one failure per request");
        } finally {
            server.stop();
        }
    }
}
