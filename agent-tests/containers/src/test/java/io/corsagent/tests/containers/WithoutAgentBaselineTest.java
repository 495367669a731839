package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without the agent, every line's test app shows the bugs the agent exists to fix: preflights die in the auth
 * filter or in container security, and the app reflects any Origin with credentials. If this ever stops holding,
 * the container tests prove nothing.
 */
class WithoutAgentBaselineTest {

    static Iterable<ServerLine> lines() {
        return ServerLines.all();
    }

    @ParameterizedTest
    @MethodSource("lines")
    void preflightsAreRejectedByTheMisorderedAuthFilter(ServerLine line) throws Exception {
        RawHttp.Response response = RawHttp.request("OPTIONS", "/app/api/data")
                .origin(Fixtures.ALLOWED).header("Access-Control-Request-Method", "PUT")
                .send(ServerProcess.shared(line, null).port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Bearer realm=\"test-app\"", response.header("WWW-Authenticate"), response::toString);
    }

    @ParameterizedTest
    @MethodSource("lines")
    void preflightsAreRejectedByContainerSecurity(ServerLine line) throws Exception {
        ServerProcess server = ServerProcess.shared(line, null);
        Fixtures.Counters before = Fixtures.Counters.read(server.port());
        RawHttp.Response response = RawHttp.request("OPTIONS", "/app/secure/data")
                .origin(Fixtures.ALLOWED).header("Access-Control-Request-Method", "PUT")
                .send(server.port());
        assertEquals(401, response.status(), response::toString);
        assertEquals("Basic realm=\"cors-test\"", Fixtures.basicChallenge(response.header("WWW-Authenticate")),
                response::toString);
        assertEquals(before, Fixtures.Counters.read(server.port()), "no filter runs before container security");
    }

    @ParameterizedTest
    @MethodSource("lines")
    void theAppReflectsAnyOriginWithCredentials(ServerLine line) throws Exception {
        RawHttp.Response response = RawHttp.request("GET", "/app/api/data").origin(Fixtures.EVIL).bearer()
                .send(ServerProcess.shared(line, null).port());
        assertEquals(200, response.status(), response::toString);
        assertEquals(Fixtures.EVIL, response.header("Access-Control-Allow-Origin"), response::toString);
        assertEquals("true", response.header("Access-Control-Allow-Credentials"), response::toString);
        assertEquals(List.of("Accept-Encoding"), response.varyTokens(), "the app forgets Vary: Origin: " + response);
    }
}
