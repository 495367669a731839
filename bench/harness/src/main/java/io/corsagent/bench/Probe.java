package io.corsagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request over a plain socket ({@code Connection: close}), exactly the headers given: what a configuration
 * answers to each scenario, and the start-up probe.
 */
final class Probe {

    /** The status and the CORS-relevant response headers, in order. */
    record Answer(int status, List<String> corsHeaders) {

        String summary() {
            return status + (corsHeaders.isEmpty() ? "" : " " + String.join("; ", corsHeaders));
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String header : corsHeaders) {
                if (header.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return header.substring(prefix.length()).trim();
                }
            }
            return null;
        }
    }

    private Probe() {
    }

    static Answer send(int port, Scenario scenario) throws IOException {
        return send(port, scenario.method, Scenario.PATH, scenario.headers, 5000);
    }

    static Answer send(int port, String method, String path, List<String> headers, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            for (int i = 0; i < headers.size(); i += 2) {
                request.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String> cors = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("access-control-") || lower.startsWith("vary:")) {
                    cors.add(lines[i]);
                }
            }
            in.readAllBytes();
            return new Answer(status, cors);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.length() - 4);
            }
        }
        throw new IOException("connection closed before the response head: " + head);
    }
}
