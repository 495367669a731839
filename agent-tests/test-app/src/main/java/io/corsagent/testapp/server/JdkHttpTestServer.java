package io.corsagent.testapp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's own HTTP server, no servlet container at all: an application the agent cannot guard. It reflects the
 * request's {@code Origin} with credentials, so a test can tell that nothing removed it.
 */
public final class JdkHttpTestServer {

    private JdkHttpTestServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
            }
            byte[] body = ("served " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        TestServerLifecycle.listening(server.getAddress().getPort());
    }
}
