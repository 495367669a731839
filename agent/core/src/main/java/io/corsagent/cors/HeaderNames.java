package io.corsagent.cors;

/** The header names the engine writes. */
final class HeaderNames {

    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String VARY = "Vary";
    /** Named in the {@code Vary} of a preflight answer that echoes it. */
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

    private HeaderNames() {
    }
}
