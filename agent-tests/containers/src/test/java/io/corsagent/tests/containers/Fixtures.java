package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

/** The origins the test policy (policy/enforce.properties) knows, and the test app's hit counters. */
public final class Fixtures {

    public static final String ALLOWED = "https://app.example.com";
    public static final String ALLOWED_BY_WILDCARD = "https://eu.trusted.example";
    public static final String EVIL = "https://evil.example.net";

    private Fixtures() {
    }

    /**
     * A BASIC challenge as the tests compare it: the auth scheme is case-insensitive (RFC 7235; Jetty 9.4 and 11
     * send {@code basic}), and Tomcat adds a {@code charset} parameter.
     */
    public static String basicChallenge(String wwwAuthenticate) {
        if (wwwAuthenticate == null) {
            return null;
        }
        String challenge = wwwAuthenticate.replace(", charset=UTF-8", "");
        return challenge.regionMatches(true, 0, "Basic ", 0, 6) ? "Basic " + challenge.substring(6) : challenge;
    }

    /** How often the test app's auth filter and the app itself ran ({@code GET /app/__counters}). */
    public record Counters(long authFilter, long app) {
        public static Counters read(int port) throws IOException {
            RawHttp.Response response = RawHttp.request("GET", "/app/__counters").send(port);
            assertEquals(200, response.status(), response::toString);
            String[] parts = response.body().trim().split(" ");
            return new Counters(Long.parseLong(parts[0].substring("auth-filter=".length())),
                    Long.parseLong(parts[1].substring("app=".length())));
        }
    }
}
