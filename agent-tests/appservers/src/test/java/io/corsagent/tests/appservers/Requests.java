package io.corsagent.tests.appservers;

import java.io.IOException;
import java.util.List;

import io.corsagent.tests.containers.RawHttp;

/** The requests the application server tests send, as browsers send them. */
final class Requests {

    /** Jolokia's version request (a GET, under container security like all of Jolokia). */
    static final String JOLOKIA_VERSION = "/jolokia/version";

    private Requests() {
    }

    /** The preflight a browser sends before a JSON POST to Jolokia (its usual way of being called). */
    static RawHttp.Response jolokiaPreflight(int port, String origin) throws IOException {
        return preflight(port, "/jolokia/", origin, "POST", "content-type");
    }

    static RawHttp.Response preflight(int port, String path, String origin, String method, String headers)
            throws IOException {
        RawHttp.Builder request = RawHttp.request("OPTIONS", path).origin(origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return request.send(port);
    }

    /** Every header line whose value carries the given text, e.g. an origin the app reflected. */
    static List<RawHttp.Header> linesCarrying(RawHttp.Response response, String text) {
        return response.headers().stream().filter(h -> h.value().contains(text)).toList();
    }
}
