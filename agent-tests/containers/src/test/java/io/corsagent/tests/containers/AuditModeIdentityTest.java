package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit mode changes nothing (docs/DESIGN.md section 5): for every kind of request of docs/DESIGN.md section 2, the raw
 * response with the agent in audit mode is the raw response without the agent, byte for byte: status line, every
 * header in order, body. Only {@code Date} differs, and each server's own port where a request names it.
 * On javax lines (Tomcat 9, Jetty 12 ee8) and jakarta lines (Tomcat 10.1, Jetty 12 ee10), the test app as every
 * line deploys it.
 */
class AuditModeIdentityTest {

    private static final String PREFLIGHT = "Access-Control-Request-Method";

    /** A request, given the server's port (a same-origin Origin names it). */
    private record Case(String name, Function<Integer, RawHttp.Builder> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("not CORS", port -> RawHttp.request("GET", "/app/data").bearer()),
            new Case("same origin", port -> RawHttp.request("GET", "/app/data").bearer()
                    .origin("http://localhost:" + port)),
            new Case("allowed preflight, rejected by the app's auth filter", port -> RawHttp.request("OPTIONS",
                    "/app/data").origin(Fixtures.ALLOWED).header(PREFLIGHT, "PUT")
                    .header("Access-Control-Request-Headers", "content-type")),
            new Case("allowed preflight the app answers", port -> RawHttp.request("OPTIONS", "/app/data").bearer()
                    .origin(Fixtures.ALLOWED).header(PREFLIGHT, "PUT")),
            new Case("refused preflight (origin)", port -> RawHttp.request("OPTIONS", "/app/data").bearer()
                    .origin(Fixtures.EVIL).header(PREFLIGHT, "PUT")),
            new Case("refused preflight (method)", port -> RawHttp.request("OPTIONS", "/app/data").bearer()
                    .origin(Fixtures.ALLOWED).header(PREFLIGHT, "PATCH")),
            new Case("refused preflight (header)", port -> RawHttp.request("OPTIONS", "/app/data").bearer()
                    .origin(Fixtures.ALLOWED).header(PREFLIGHT, "PUT").header("Access-Control-Request-Headers",
                            "x-secret")),
            new Case("preflight under container security", port -> RawHttp.request("OPTIONS", "/app/secure/data")
                    .origin(Fixtures.ALLOWED).header(PREFLIGHT, "PUT")),
            new Case("OPTIONS without Access-Control-Request-Method", port -> RawHttp.request("OPTIONS", "/app/data")
                    .bearer().origin(Fixtures.ALLOWED)),
            new Case("allowed actual request", port -> RawHttp.request("GET", "/app/data").bearer()
                    .origin(Fixtures.ALLOWED)),
            new Case("allowed actual request, app error page", port -> RawHttp.request("GET", "/app/data?error=500")
                    .bearer().origin(Fixtures.ALLOWED)),
            new Case("disallowed actual request", port -> RawHttp.request("POST", "/app/data").bearer()
                    .origin(Fixtures.EVIL)),
            new Case("several Origins", port -> RawHttp.request("GET", "/app/data").bearer()
                    .origin(Fixtures.ALLOWED).origin(Fixtures.EVIL)),
            new Case("public path, any origin", port -> RawHttp.request("GET", "/app/public/page").bearer()
                    .origin(Fixtures.EVIL)));

    static Stream<Arguments> linesAndCases() {
        return Stream.of(ServerLines.TOMCAT9, ServerLines.TOMCAT10, ServerLines.JETTY12_EE8, ServerLines.JETTY12_EE10)
                .flatMap(line -> CASES.stream().map(c -> Arguments.of(line, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("linesAndCases")
    void auditModeAnswersExactlyAsWithoutTheAgent(ServerLine line, Case requestCase) throws IOException {
        ServerProcess without = ServerProcess.shared(line, null);
        ServerProcess audit = ServerProcess.shared(line,
                ServerProcess.agentArgument("enforce.properties", "mode=audit"));

        String expected = comparable(requestCase.request().apply(without.port()).send(without.port()), without);
        String actual = comparable(requestCase.request().apply(audit.port()).send(audit.port()), audit);
        assertEquals(expected, actual);
    }

    /** The raw response without its Date header, the server's own port written as {@code <port>}. */
    private static String comparable(RawHttp.Response response, ServerProcess server) {
        StringBuilder text = new StringBuilder(response.statusLine()).append("\r\n");
        for (RawHttp.Header header : response.headers()) {
            if (!header.is("Date")) {
                text.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        return text.append("\r\n").append(response.body()).toString()
                .replace(Integer.toString(server.port()), "<port>");
    }
}
