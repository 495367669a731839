package io.corsagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo must keep its bugs: these are the exact responses the browser test and the README describe. Plain HTTP,
 * no agent; java.net.http because HttpURLConnection drops Origin and Access-Control-Request-* headers.
 */
class LegacyCorsBugsTest {

    private static final String SESSION = DemoSession.COOKIE_NAME + "=" + DemoSession.COOKIE_VALUE;
    private static final String SHOP = "http://localhost:8081";

    private static Server server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = DemoApp.start(DemoConfig.from(new String[] {"--api-port=0", "--page-port=0", "--attacker-port=0"}));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void loginFilterAnswersPreflightsWith401AndNoCorsHeaders() throws Exception {
        HttpResponse<String> response = send(api("/orders").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(401, response.statusCode());
        assertEquals(List.of(), corsHeaders(response));
    }

    @Test
    void credentialedCallGetsWildcardOriginWithCredentials() throws Exception {
        HttpResponse<String> response = send(api("/me").header("Origin", SHOP).header("Cookie", SESSION));
        assertEquals(200, response.statusCode());
        assertEquals("{\"user\":\"alice\"}", response.body());
        assertEquals(List.of("access-control-allow-credentials: true", "access-control-allow-origin: *"),
                corsHeaders(response));
    }

    @Test
    void productsHaveNoCorsHeadersAndAnUnexposedRequestId() throws Exception {
        HttpResponse<String> response = send(api("/products").header("Origin", SHOP));
        assertEquals(200, response.statusCode());
        assertEquals(List.of(), corsHeaders(response));
        assertTrue(response.headers().firstValue("X-Request-Id").orElse("").matches("req-[0-9]+"),
                response.headers().toString());
    }

    @Test
    void accountReflectsAnyOriginWithCredentials() throws Exception {
        HttpResponse<String> response = send(api("/account").header("Origin", "https://evil.example")
                .header("Cookie", SESSION));
        assertEquals(200, response.statusCode());
        assertEquals("{\"user\":\"alice\",\"iban\":\"DE89 3704 0044 0532 0130 00\"}", response.body());
        assertEquals(List.of("access-control-allow-credentials: true",
                "access-control-allow-origin: https://evil.example"), corsHeaders(response));
    }

    @Test
    void protectedPathsNeedTheSessionCookie() throws Exception {
        assertEquals(401, send(api("/me").header("Origin", SHOP)).statusCode());
        assertEquals(401, send(api("/account")).statusCode());
        assertEquals(200, send(api("/status")).statusCode());
    }

    @Test
    void ordersAcceptJsonPostAndPutWithClientVersion() throws Exception {
        HttpResponse<String> created = send(api("/orders").header("Cookie", SESSION)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
        assertEquals(201, created.statusCode());
        assertTrue(created.body().matches("\\{\"order\":[0-9]+,\"status\":\"created\",\"bytes\":7}"), created.body());
        assertEquals(List.of("access-control-allow-credentials: true", "access-control-allow-origin: *"),
                corsHeaders(created));

        HttpResponse<String> updated = send(api("/orders/42").header("Cookie", SESSION)
                .header("X-Client-Version", "2.4").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, updated.statusCode());
        assertEquals("{\"order\":42,\"status\":\"updated\",\"clientVersion\":\"2.4\"}", updated.body());
    }

    @Test
    void frontendLogsAliceInAndNamesTheApi() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(origin(DemoApp.PAGE, "/")));
        assertEquals(200, page.statusCode());
        assertEquals(Optional.of(DemoSession.SET_COOKIE), page.headers().firstValue("Set-Cookie"));

        HttpResponse<String> config = send(HttpRequest.newBuilder(origin(DemoApp.PAGE, "/config.js")));
        assertTrue(config.body().contains("api: 'http://localhost:" + DemoApp.port(server, DemoApp.API) + "/api'"),
                config.body());
    }

    @Test
    void eachOriginServesOnlyItsOwnPart() throws Exception {
        assertEquals(404, send(HttpRequest.newBuilder(origin(DemoApp.API, "/"))).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(origin(DemoApp.PAGE, "/api/status"))).statusCode());
        HttpResponse<String> attacker = send(HttpRequest.newBuilder(origin(DemoApp.ATTACKER, "/")));
        assertEquals(200, attacker.statusCode());
        assertEquals(Optional.empty(), attacker.headers().firstValue("Set-Cookie"));
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(origin(DemoApp.API, "/api" + path));
    }

    private static URI origin(String name, String path) {
        return URI.create("http://localhost:" + DemoApp.port(server, name) + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's Access-Control-* headers as sorted "name: value" lines. */
    private static List<String> corsHeaders(HttpResponse<String> response) {
        return response.headers().map().entrySet().stream()
                .filter(header -> header.getKey().toLowerCase().startsWith("access-control-"))
                .flatMap(header -> header.getValue().stream().map(v -> header.getKey().toLowerCase() + ": " + v))
                .sorted()
                .toList();
    }
}
