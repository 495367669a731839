package io.corsagent.tests.ecosystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.corsagent.tests.containers.ServerLine;
import io.corsagent.tests.containers.ServerProcess;

/**
 * The Elastic APM Java agent, reporting to an APM server's intake API that this class serves on the loopback
 * interface: {@code GET /} (the server's version) and {@code POST /intake/v2/events} (ND-JSON, one event per line,
 * zlib-compressed or not). It instruments the servlet API, so its transaction starts at the first filter or
 * servlet: a request cors-agent answers at the container's entry, ahead of every filter, is not traced (as one that
 * container security rejects is not).
 */
final class ElasticApmAgent implements ApmAgent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SERVER_INFO = "{\"version\":\"8.15.0\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer intake;
    private final List<ServerSpan> transactions = new ArrayList<>();

    ElasticApmAgent() {
        try {
            intake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        intake.createContext("/", this::serve);
        intake.start();
    }

    @Override
    public String name() {
        return "elastic-apm-agent " + Ecosystem.property("elastic-apm-agent.version");
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(
                "-Delastic.apm.server_url=http://127.0.0.1:" + intake.getAddress().getPort(),
                "-Delastic.apm.service_name=cors-test",
                // Send what was collected every second, not every 10 s.
                "-Delastic.apm.api_request_time=1s",
                "-Delastic.apm.metrics_interval=0s",
                "-Delastic.apm.central_config=false",
                "-javaagent:" + Ecosystem.elasticApmAgent());
    }

    @Override
    public List<ServerSpan> exportedServerSpans(ServerProcess server) {
        synchronized (transactions) {
            return List.copyOf(transactions);
        }
    }

    @Override
    public boolean tracesPreflightsCorsAgentAnswers(ServerLine line) {
        return false;
    }

    @Override
    public boolean isErrorLine(String outputLine) {
        return outputLine.contains(" ERROR co.elastic.apm.");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/intake/v2/events")) {
                readEvents(exchange.getRequestBody());
                exchange.sendResponseHeaders(202, -1);
            } else if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, SERVER_INFO.length);
                exchange.getResponseBody().write(SERVER_INFO);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void readEvents(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return;
        }
        in.unread(first);
        // A zlib stream starts with 0x78; an uncompressed one with '{'.
        InputStream events = first == 0x78 ? new InflaterInputStream(in) : in;
        BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            JsonNode transaction = JSON.readTree(line).path("transaction");
            if (!transaction.isMissingNode()) {
                JsonNode context = transaction.path("context");
                ServerSpan span = new ServerSpan(context.path("request").path("method").asText(),
                        context.path("request").path("url").path("pathname").asText(),
                        context.path("response").path("status_code").asInt());
                synchronized (transactions) {
                    transactions.add(span);
                }
            }
        }
    }

    @Override
    public void close() {
        intake.stop(0);
    }

    @Override
    public String toString() {
        return name();
    }
}
