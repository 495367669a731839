package io.corsagent.tests.containers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: the request goes out byte for byte as written (no client normalises its path or
 * drops its Origin), one request per connection, the response read to the end.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /** A request under construction; {@code Host} and {@code Connection: close} are added when it is sent. */
    public static Builder request(String method, String target) {
        return new Builder(method, target);
    }

    public static final class Builder {
        private final String method;
        private final String target;
        private final StringBuilder headers = new StringBuilder();

        private Builder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Builder header(String name, String value) {
            headers.append(name).append(": ").append(value).append("\r\n");
            return this;
        }

        public Builder origin(String origin) {
            return header("Origin", origin);
        }

        public Builder basicAuth() {
            return header("Authorization", "Basic YWxpY2U6c2VjcmV0");
        }

        /** An Authorization the misordered auth filter accepts (it checks presence only). */
        public Builder bearer() {
            return header("Authorization", "Bearer test-token");
        }

        public Response send(int port) throws IOException {
            String bytes = method + " " + target + " HTTP/1.1\r\n"
                    + "Host: localhost:" + port + "\r\n"
                    + headers
                    + "Connection: close\r\n\r\n";
            return exchange(port, bytes);
        }
    }

    /** Sends the exact bytes given and reads the whole response. */
    public static Response exchange(int port, String requestBytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
        }
        String body = text.substring(end + 4);
        Response response = new Response(lines[0], Integer.parseInt(statusLine[1]), List.copyOf(headers), body);
        return "chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))
                ? new Response(response.statusLine(), response.status(), response.headers(), dechunk(body))
                : response;
    }

    private static String dechunk(String body) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return content.toString();
            }
            content.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    public record Header(String name, String value) {
        public boolean is(String headerName) {
            return name.equalsIgnoreCase(headerName);
        }
    }

    public record Response(String statusLine, int status, List<Header> headers, String body) {

        /** Every value of a header, in order. */
        public List<String> all(String name) {
            return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
        }

        /** The value of a header that must appear at most once; {@code null} when absent. */
        public String header(String name) {
            List<String> values = all(name);
            if (values.size() > 1) {
                throw new AssertionError(name + " appears " + values.size() + " times in\n" + this);
            }
            return values.isEmpty() ? null : values.get(0);
        }

        /** Every {@code Access-Control-*} header, as {@code name: value} with the name lower-cased. */
        public List<String> accessControlHeaders() {
            return headers.stream()
                    .filter(h -> h.name().toLowerCase(Locale.ROOT).startsWith("access-control-"))
                    .map(h -> h.name().toLowerCase(Locale.ROOT) + ": " + h.value())
                    .sorted()
                    .toList();
        }

        /** The tokens of every {@code Vary} header, in order. */
        public List<String> varyTokens() {
            List<String> tokens = new ArrayList<>();
            for (String value : all("Vary")) {
                for (String token : value.split(",")) {
                    if (!token.isBlank()) {
                        tokens.add(token.trim());
                    }
                }
            }
            return tokens;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(statusLine).append('\n');
            headers.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append('\n'));
            return text.append('\n').append(body).toString();
        }
    }
}
