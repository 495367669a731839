package io.corsagent.bench;

import java.util.List;

/** The four requests of the end-to-end benchmark, all on {@code /app/hello}. */
enum Scenario {

    NOT_CORS_GET("non-CORS GET", "GET", List.of()),
    CORS_GET("allowed CORS GET", "GET", List.of("Origin", "https://app.example.com")),
    PREFLIGHT_ALLOWED("allowed preflight", "OPTIONS", List.of("Origin", "https://app.example.com",
            "Access-Control-Request-Method", "PUT",
            "Access-Control-Request-Headers", "content-type,x-requested-with")),
    PREFLIGHT_REFUSED("refused preflight", "OPTIONS", List.of("Origin", "https://evil.example.net",
            "Access-Control-Request-Method", "PUT",
            "Access-Control-Request-Headers", "content-type"));

    static final String PATH = "/app/hello";

    final String title;
    final String method;
    /** Header name/value pairs besides those every request has. */
    final List<String> headers;

    Scenario(String title, String method, List<String> headers) {
        this.title = title;
        this.method = method;
        this.headers = headers;
    }
}
