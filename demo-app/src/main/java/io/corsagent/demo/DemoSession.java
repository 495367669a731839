package io.corsagent.demo;

/**
 * The logged-in user's session. The shop's frontend (page origin) sets this cookie when it is loaded, as a
 * single-sign-on portal on the same host would: cookies are scoped to the host, not the port, so the browser
 * then sends it to the API as well, whenever a request is made with credentials.
 *
 * <p>A fixed value keeps the demo reproducible with curl: {@code curl -b DEMO_SESSION=alice-7f3c ...}.
 */
public final class DemoSession {

    public static final String COOKIE_NAME = "DEMO_SESSION";
    public static final String COOKIE_VALUE = "alice-7f3c";
    public static final String USER = "alice";

    /** Lax is what Chrome applies to cookies without SameSite; localhost on any port is the same site. */
    public static final String SET_COOKIE = COOKIE_NAME + "=" + COOKIE_VALUE + "; Path=/; HttpOnly; SameSite=Lax";

    private DemoSession() {
    }
}
