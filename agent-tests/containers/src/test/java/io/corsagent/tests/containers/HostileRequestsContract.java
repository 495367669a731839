package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile requests against a line with the agent in enforce mode, behind the test app's filter that reflects every
 * Origin with credentials (sent with a bearer token, so the app's reflection runs wherever the request reaches it).
 * Every answer is the Fetch one or the container's own refusal of a malformed request (400 or 431); no response
 * header ever carries the hostile bytes; the agent logs no internal error; and after each request the server still
 * answers a normal preflight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileRequestsContract {

    /** Every hostile value carries this marker: no response header may contain it. */
    private static final String MARKER = "hostile-marker";
    /** The container refused the request as malformed before anything else saw it. */
    private static final Set<Integer> CONTAINER_REFUSALS = Set.of(400, 431);

    private final ServerLine line;
    private ServerProcess server;

    protected HostileRequestsContract(ServerLine line) {
        this.line = line;
    }

    @BeforeAll
    void startServer() {
        server = ServerProcess.shared(line, ServerProcess.agentArgument("enforce.properties"));
    }

    @AfterEach
    void theServerStillAnswersANormalPreflight() throws IOException {
        RawHttp.Response response = RawHttp.request("OPTIONS", "/app/api/data").origin(ALLOWED)
                .header("Access-Control-Request-Method", "PUT").send(server.port());
        assertEquals(204, response.status(), response::toString);
        assertEquals(ALLOWED, response.header("Access-Control-Allow-Origin"), response::toString);
    }

    @AfterAll
    void theAgentReportedNoInternalError() {
        List<String> problems = server.output().stream()
                .filter(l -> l.contains("internal error in hook") || l.contains("could not instrument")).toList();
        assertEquals(List.of(), problems, "the agent's log on " + line);
    }

    // ---- Origin -------------------------------------------------------------------------------------------------

    /** Field names are case-insensitive (RFC 9110 5.1): HTTP/2 clients send them in lower case, some proxies upper. */
    @Test
    void theCorsRequestHeadersAreRecognisedInAnyCase() throws IOException {
        List<String[]> spellings = List.of(new String[] {"origin", "access-control-request-method"},
                new String[] {"ORIGIN", "ACCESS-CONTROL-REQUEST-METHOD"},
                new String[] {"oRiGiN", "Access-control-Request-method"});
        for (String[] names : spellings) {
            RawHttp.Response preflight = send("OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\n" + names[0]
                    + ": " + ALLOWED + "\r\n" + names[1] + ": PUT\r\nConnection: close\r\n\r\n");
            assertEquals(204, preflight.status(), preflight::toString);
            assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"), preflight::toString);
            RawHttp.Response actual = send(getWith(names[0] + ": " + ALLOWED + "\r\n"));
            assertEquals(List.of(ALLOWED), actual.all("Access-Control-Allow-Origin"), actual::toString);
        }
    }

    @Test
    void severalOriginHeadersAreNeverAllowed() throws IOException {
        for (String second : List.of(ALLOWED, "https://" + MARKER + ".example.net")) {
            RawHttp.Response preflight = send(preflightWith("Origin: " + ALLOWED + "\r\nOrigin: " + second + "\r\n"));
            assertRefusedPreflight(preflight);
            RawHttp.Response actual = send(getWith("Origin: " + ALLOWED + "\r\nOrigin: " + second + "\r\n"));
            assertEquals(List.of(), actual.accessControlHeaders(), actual::toString);
            assertNoHostileBytes(actual);
        }
    }

    /**
     * An allowed origin followed by a control byte and more text. Refused; or, where the container's own parser
     * ends the header line at the control byte (Undertow does at a bare CR), answered for exactly the allowed
     * origin that the container reported: the agent never sees, so never echoes, the bytes after it.
     */
    @Test
    void originsWithControlBytesAreNeverEchoed() throws IOException {
        for (String control : List.of("\r", "\u0000", "\n " + MARKER, "\t")) {
            String origin = ALLOWED + control + MARKER;
            RawHttp.Response preflight = send(preflightWith("Origin: " + origin + "\r\n"));
            String variant = "Origin " + ALLOWED + " + " + control.replace("\r", "CR").replace("\n", "LF")
                    .replace("\u0000", "NUL").replace("\t", "TAB") + ": " + preflight;
            if (preflight.status() == 204) {
                assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"), variant);
                assertNoHostileBytes(preflight);
                System.out.println(line + ": the container cut the header at the control byte: " + variant);
            } else {
                assertRefusedPreflight(preflight);
            }
            RawHttp.Response actual = send(getWith("Origin: " + origin + "\r\n"));
            assertNoHostileBytes(actual);
            String allowOrigin = actual.all("Access-Control-Allow-Origin").isEmpty() ? null
                    : actual.header("Access-Control-Allow-Origin");
            assertTrue(allowOrigin == null || allowOrigin.equals(ALLOWED), actual::toString);
        }
    }

    @Test
    void anEightKibOriginIsNeverEchoed() throws IOException {
        String origin = "https://" + "a.".repeat(4096) + MARKER + ".example.com";
        assertRefusedPreflight(send(preflightWith("Origin: " + origin + "\r\n")));
        assertNoCorsAnswer(send(getWith("Origin: " + origin + "\r\n")));
    }

    @Test
    void nonAsciiOriginsAreNeverEchoed() throws IOException {
        for (String origin : List.of("https://\u00e4pp.example.com", "https://app.example\uFF0Ecom",
                "https://app.example.com\u00ff")) {
            byte[] latin1 = ("Origin: " + origin + MARKER + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] utf8 = ("Origin: " + origin + MARKER + "\r\n").getBytes(StandardCharsets.UTF_8);
            for (byte[] header : List.of(latin1, utf8)) {
                String raw = new String(header, StandardCharsets.ISO_8859_1);
                assertRefusedPreflight(send(preflightWith(raw)));
                assertNoCorsAnswer(send(getWith(raw)));
            }
        }
    }

    // ---- Access-Control-Request-Headers ---------------------------------------------------------------------------

    /** 8 KiB of commas exceed the container's header limit (its refusal) or the agent's caps (403): never 204. */
    @Test
    void requestHeadersOfEightKibOfCommasAreRefused() throws IOException {
        for (int commas : List.of(8192, 4000, 65)) {
            RawHttp.Response response = send(preflightWith("Origin: " + ALLOWED + "\r\n"
                    + "Access-Control-Request-Headers: " + ",".repeat(commas) + MARKER + "\r\n"));
            assertRefusedPreflight(response);
            if (commas < 8192) {
                assertEquals(403, response.status(), "the agent's own refusal: " + response);
            }
        }
    }

    @Test
    void requestHeadersWithHostileBytesAreRefused() throws IOException {
        for (String requested : List.of("content-type\u0000" + MARKER, "content-type, x-" + MARKER + "\u00e9",
                "content-type,\t\t" + MARKER + " x", MARKER + "\r")) {
            RawHttp.Response response = send(preflightWith("Origin: " + ALLOWED + "\r\n"
                    + "Access-Control-Request-Headers: " + requested + "\r\n"));
            assertRefusedPreflight(response);
        }
    }

    // ---- header names, protocol versions, bodies -----------------------------------------------------------------

    /** Header names are case-insensitive: the agent sees them whatever their case, and answers per Fetch. */
    @Test
    void headerNameCaseGamesAreAnsweredAsTheSameHeaders() throws IOException {
        RawHttp.Response allowed = send("OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\noRiGiN: " + ALLOWED
                + "\r\nACCESS-CONTROL-REQUEST-METHOD: PUT\r\naccess-control-request-HEADERS: Content-Type\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(204, allowed.status(), allowed::toString);
        assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin"), allowed::toString);

        RawHttp.Response evil = send("OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\nORIGIN: https://"
                + MARKER + ".net\r\naccess-control-request-method: PUT\r\nConnection: close\r\n\r\n");
        assertEquals(403, evil.status(), evil::toString);
        assertNoHostileBytes(evil);

        RawHttp.Response spaced = send("OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\nOrigin : https://"
                + MARKER + ".net\r\nAccess-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n");
        assertNoCorsAnswer(spaced);
    }

    /** HTTP/1.0 without Host: the agent still decides on the Origin alone, or the container refuses the request. */
    @Test
    void http10WithoutHostIsDecidedOnTheOriginAlone() throws IOException {
        RawHttp.Response allowed = send("OPTIONS /app/api/data HTTP/1.0\r\nOrigin: " + ALLOWED
                + "\r\nAccess-Control-Request-Method: PUT\r\n\r\n");
        if (!CONTAINER_REFUSALS.contains(allowed.status())) {
            assertEquals(204, allowed.status(), allowed::toString);
            assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin"), allowed::toString);
        }
        RawHttp.Response evil = send("OPTIONS /app/api/data HTTP/1.0\r\nOrigin: https://" + MARKER
                + ".net\r\nAccess-Control-Request-Method: PUT\r\n\r\n");
        assertRefusedPreflight(evil);
        RawHttp.Response actual = send("GET /app/api/data HTTP/1.0\r\nAuthorization: Bearer t\r\nOrigin: https://"
                + MARKER + ".net\r\n\r\n");
        assertNoCorsAnswer(actual);
    }

    /**
     * A preflight with a body, on a kept-alive connection: the agent answers it, and the body (itself written as a
     * request) is never read as the next request, which would smuggle a request past the agent.
     */
    @Test
    void aPreflightBodyIsNeverReadAsTheNextRequest() throws IOException {
        String smuggled = "GET /app/__counters?" + MARKER + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String raw = exchange("OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED
                + "\r\nAccess-Control-Request-Method: PUT\r\nContent-Length: " + smuggled.length() + "\r\n\r\n"
                + smuggled
                + "GET /app/api/after HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n");
        List<Integer> statuses = statuses(raw);
        assertFalse(raw.contains("auth-filter="), "the body was served as a request:\n" + raw);
        assertTrue(statuses.equals(List.of(204, 200)) || statuses.equals(List.of(204)),
                "expected the preflight's 204, then the next request (or a closed connection): " + statuses + "\n" + raw);
        assertTrue(raw.startsWith("HTTP/1.1 204"), raw);
        if (statuses.size() == 2) {
            assertTrue(raw.contains("GET /app/api/after\n"), raw);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String preflightWith(String headers) {
        return "OPTIONS /app/api/data HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Access-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n";
    }

    private static String getWith(String headers) {
        return "GET /app/api/data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\n" + headers
                + "Connection: close\r\n\r\n";
    }

    /** A preflight that must not pass: the agent's 403, or the container's refusal; no CORS header either way. */
    private static void assertRefusedPreflight(RawHttp.Response response) {
        assertTrue(response.status() == 403 || CONTAINER_REFUSALS.contains(response.status()), response::toString);
        assertNoCorsAnswer(response);
    }

    /** No {@code Access-Control-*} header (the reflecting app's were replaced), and no hostile byte anywhere. */
    private static void assertNoCorsAnswer(RawHttp.Response response) {
        assertEquals(List.of(), response.accessControlHeaders(), response::toString);
        assertNoHostileBytes(response);
    }

    private static void assertNoHostileBytes(RawHttp.Response response) {
        for (RawHttp.Header header : response.headers()) {
            assertFalse(header.value().contains(MARKER) || header.name().contains(MARKER),
                    () -> "hostile bytes echoed in " + header.name() + ": " + header.value());
        }
    }

    private RawHttp.Response send(String requestBytes) throws IOException {
        return RawHttp.parse(exchange(requestBytes).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes the bytes (ISO-8859-1, so every char is one byte) and reads until the server closes the connection. */
    private String exchange(String requestBytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (java.net.SocketException reset) {
                // A server that refuses a request may reset the connection after its answer: keep what came.
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status of every response in a pipelined answer. */
    private static List<Integer> statuses(String raw) {
        List<Integer> statuses = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})").matcher(raw);
        while (m.find()) {
            statuses.add(Integer.parseInt(m.group(1)));
        }
        return statuses;
    }
}
