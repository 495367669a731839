package io.corsagent.demo.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/orders} (a JSON body, so the browser preflights it) and {@code PUT /api/orders/<id>} (with the
 * custom request header {@code X-Client-Version}, preflighted too). Both need the session cookie.
 */
public final class OrdersServlet extends HttpServlet {

    static final String CLIENT_VERSION_HEADER = "X-Client-Version";

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 64 * 1024;

    private final AtomicInteger nextOrder = new AtomicInteger(1001);

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isJson(request)) {
            Json.send(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "{\"error\":\"send application/json\"}");
            return;
        }
        long bytes = drain(request.getInputStream());
        Json.send(response, HttpServletResponse.SC_CREATED,
                "{\"order\":" + nextOrder.getAndIncrement() + ",\"status\":\"created\",\"bytes\":" + bytes + "}");
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String clientVersion = request.getHeader(CLIENT_VERSION_HEADER);
        if (!id.matches("[0-9]{1,9}") || clientVersion == null || !clientVersion.matches("[0-9.]{1,16}")) {
            Json.send(response, HttpServletResponse.SC_BAD_REQUEST,
                    "{\"error\":\"PUT /api/orders/<number> with header " + CLIENT_VERSION_HEADER + ": <version>\"}");
            return;
        }
        drain(request.getInputStream());
        Json.send(response, HttpServletResponse.SC_OK,
                "{\"order\":" + id + ",\"status\":\"updated\",\"clientVersion\":\"" + clientVersion + "\"}");
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** Reads and discards the body (a demo keeps no orders), refusing to read past a bound. */
    private static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[4096];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1 && total <= MAX_BODY; ) {
            total += n;
        }
        return total;
    }
}
