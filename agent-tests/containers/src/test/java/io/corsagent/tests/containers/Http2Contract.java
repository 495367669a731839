package io.corsagent.tests.containers;

import static io.corsagent.tests.containers.Fixtures.ALLOWED;
import static io.corsagent.tests.containers.Fixtures.EVIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.corsagent.tests.containers.Fixtures.Counters;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The core of {@link ContainerContract} over HTTP/2 cleartext (h2c), both ways a client gets there: prior knowledge
 * (the connection opens with the HTTP/2 preface: Jetty's HttpClient on its HTTP/2 transport) and
 * upgrade (an HTTP/1.1 request carrying {@code Upgrade: h2c}, answered 101 and then as stream 1: java.net.http, a new
 * client per request so that every request is the upgraded one). HTTP/2 carries header names in lower case (HPACK),
 * and containers handle HTTP/2 fields on a path of their own: the agent must read the Origin and replace the app's
 * headers there as well. Every exchange is checked to be HTTP/2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class Http2Contract {

    /** How the client reaches HTTP/2. */
    enum Way { PRIOR_KNOWLEDGE, UPGRADE }

    private final ServerLine line;
    private ServerProcess agent;
    private org.eclipse.jetty.client.HttpClient priorKnowledge;

    protected Http2Contract(ServerLine line) {
        this.line = line;
    }

    @BeforeAll
    void start() throws Exception {
        agent = ServerProcess.shared(line, ServerProcess.agentArgument("enforce.properties"));
        // Over http:// Jetty's HTTP/2 transport opens every connection with the HTTP/2 preface: prior knowledge.
        priorKnowledge = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        priorKnowledge.start();
    }

    @AfterAll
    void stopClient() throws Exception {
        priorKnowledge.stop();
    }

    @Test
    void allowedPreflightIsAnsweredBeforeTheAuthFilter() throws Exception {
        for (Way way : Way.values()) {
            Counters before = Counters.read(agent.port());
            H2Response response = send(way, "OPTIONS", "/app/api/data", ALLOWED,
                    "Access-Control-Request-Method", "PUT",
                    "Access-Control-Request-Headers", "content-type,x-requested-with");
            assertEquals(204, response.status(), response::toString);
            assertEquals(ContainerContract.ALLOWED_PREFLIGHT_HEADERS, response.accessControlHeaders(),
                    response::toString);
            assertEquals(List.of("Origin"), response.varyTokens(), response::toString);
            assertEquals("", response.body(), response::toString);
            assertEquals(before, Counters.read(agent.port()), way + ": the auth filter or the app saw the preflight");
        }
    }

    @Test
    void refusedPreflightsGet403WithoutCorsHeaders() throws Exception {
        for (Way way : Way.values()) {
            for (H2Response response : List.of(
                    send(way, "OPTIONS", "/app/api/data", EVIL, "Access-Control-Request-Method", "PUT"),
                    send(way, "OPTIONS", "/app/api/data", ALLOWED, "Access-Control-Request-Method", "PUT",
                            "Access-Control-Request-Headers", "x-not-allowed"))) {
                assertEquals(403, response.status(), response::toString);
                assertEquals(List.of(), response.accessControlHeaders(), response::toString);
            }
        }
    }

    @Test
    void allowedOriginGetsExactlyThePolicysHeadersInPlaceOfTheApps() throws Exception {
        for (Way way : Way.values()) {
            for (String path : List.of("/app/api/data", "/app/api/data?async=complete")) {
                H2Response response = send(way, "GET", path, ALLOWED, "Authorization", "Bearer test-token");
                assertEquals(200, response.status(), response::toString);
                assertEquals("GET /app/api/data\n", response.body(), response::toString);
                assertEquals(List.of(ALLOWED), response.all("access-control-allow-origin"), response::toString);
                assertEquals(ContainerContract.ALLOWED_ACTUAL_HEADERS, response.accessControlHeaders(),
                        response::toString);
                assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
            }
        }
    }

    @Test
    void disallowedOriginGetsNoCorsHeadersAlthoughTheAppReflectsIt() throws Exception {
        for (Way way : Way.values()) {
            for (String path : List.of("/app/api/data", "/app/api/data?async=complete")) {
                H2Response response = send(way, "GET", path, EVIL, "Authorization", "Bearer test-token");
                assertEquals(200, response.status(), response::toString);
                assertEquals(List.of(), response.linesCarrying(EVIL), response::toString);
                assertEquals(List.of(), response.accessControlHeaders(), response::toString);
                assertEquals(List.of("Accept-Encoding", "Origin"), response.varyTokens(), response::toString);
            }
        }
    }

    @AfterAll
    void theAgentReportedNoInternalError() {
        for (String outputLine : agent.output()) {
            assertTrue(!outputLine.contains("internal error in hook") && !outputLine.contains("could not instrument"),
                    outputLine);
        }
    }

    /** @param headers name, value, name, value... */
    private H2Response send(Way way, String method, String path, String origin, String... headers) throws Exception {
        String url = "http://localhost:" + agent.port() + path;
        return way == Way.PRIOR_KNOWLEDGE ? sendWithPriorKnowledge(method, url, origin, headers)
                : sendWithUpgrade(method, url, origin, headers);
    }

    private H2Response sendWithPriorKnowledge(String method, String url, String origin, String... headers)
            throws Exception {
        Request request = priorKnowledge.newRequest(url).method(method).timeout(30, TimeUnit.SECONDS)
                .headers(fields -> {
                    fields.put("Origin", origin);
                    for (int i = 0; i < headers.length; i += 2) {
                        fields.put(headers[i], headers[i + 1]);
                    }
                });
        ContentResponse response = request.send();
        assertEquals(HttpVersion.HTTP_2, response.getVersion(), "prior knowledge: " + url);
        List<String[]> lines = new ArrayList<>();
        for (HttpField field : response.getHeaders()) {
            lines.add(new String[] {field.getName(), field.getValue()});
        }
        return new H2Response(Way.PRIOR_KNOWLEDGE, response.getStatus(), lines, response.getContentAsString());
    }

    private H2Response sendWithUpgrade(String method, String url, String origin, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Origin", origin);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, response.version(), "upgrade: " + url);
        List<String[]> lines = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> lines.add(new String[] {name, v})));
        return new H2Response(Way.UPGRADE, response.statusCode(), lines, response.body());
    }

    /** An HTTP/2 response: header names as received (lower case on the wire). */
    record H2Response(Way way, int status, List<String[]> headers, String body) {

        /** The {@code access-control-*} lines, {@code name: value} with the name in lower case, sorted. */
        List<String> accessControlHeaders() {
            List<String> lines = new ArrayList<>();
            for (String[] header : headers) {
                String name = header[0].toLowerCase(Locale.ROOT);
                if (name.startsWith("access-control-")) {
                    lines.add(name + ": " + header[1]);
                }
            }
            lines.sort(null);
            return lines;
        }

        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    values.add(header[1]);
                }
            }
            return values;
        }

        List<String> varyTokens() {
            List<String> tokens = new ArrayList<>();
            for (String value : all("vary")) {
                for (String token : value.split(",")) {
                    if (!token.isBlank()) {
                        tokens.add(token.trim());
                    }
                }
            }
            return tokens;
        }

        List<String> linesCarrying(String text) {
            List<String> lines = new ArrayList<>();
            for (String[] header : headers) {
                if (header[1].contains(text)) {
                    lines.add(header[0] + ": " + header[1]);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            Map<String, List<String>> byName = new LinkedHashMap<>();
            for (String[] header : headers) {
                byName.computeIfAbsent(header[0], n -> new ArrayList<>()).add(header[1]);
            }
            return way + ": HTTP/2 " + status + " " + byName + "\n" + body;
        }
    }
}
