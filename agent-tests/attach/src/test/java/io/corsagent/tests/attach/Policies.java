package io.corsagent.tests.attach;

import java.util.List;

import io.corsagent.tests.containers.RawHttp;

/** The policies the attach tests switch between, and the exact preflight answers they give. */
final class Policies {

    static final String APP = "https://app.example.com";
    static final String PARTNER = "https://partner.example.org";

    /** Allows {@link #APP} only. */
    static final String APP_ONLY = """
            allowed-origins = https://app.example.com
            allowed-methods = GET, POST, PUT
            allowed-headers = Content-Type
            max-age = 600
            """;

    /** The same, and {@link #PARTNER} too: an edit that newly allows an origin. */
    static final String APP_AND_PARTNER = """
            allowed-origins = https://app.example.com, https://partner.example.org
            allowed-methods = GET, POST, PUT
            allowed-headers = Content-Type
            max-age = 600
            """;

    /** Wildcard origin with credentials: refused by validation. */
    static final String INVALID = """
            allowed-origins = *
            allow-credentials = true
            max-age = forever
            """;

    /** What {@link #APP_ONLY} and {@link #APP_AND_PARTNER} answer to an allowed PUT preflight from {@code origin}. */
    static List<String> allowedPreflight(String origin) {
        return List.of(
                "access-control-allow-headers: Content-Type",
                "access-control-allow-methods: GET, POST, PUT",
                "access-control-allow-origin: " + origin,
                "access-control-max-age: 600");
    }

    private Policies() {
    }

    /** A PUT preflight for /app/api/data, as a browser on {@code origin} sends it. */
    static RawHttp.Response preflight(int port, String origin) throws java.io.IOException {
        return RawHttp.request("OPTIONS", "/app/api/data")
                .origin(origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .send(port);
    }
}
