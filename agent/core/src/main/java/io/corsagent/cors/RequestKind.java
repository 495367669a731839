package io.corsagent.cors;

/** What a request is, to CORS, decided from the request alone. */
public enum RequestKind {
    /** No {@code Origin}, or the request's own origin (or one of the policy's public origins). */
    NOT_CORS,
    /** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    PREFLIGHT,
    /** Any other request with a cross-origin {@code Origin}, {@code OPTIONS} without the request method included. */
    ACTUAL
}
