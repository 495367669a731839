package io.corsagent.cors;

/** Why a CORS request is refused, or {@link #ALLOWED}: which check failed. */
public enum Reason {
    ALLOWED(Check.NONE, "allowed"),
    ORIGIN_NOT_ALLOWED(Check.ORIGIN, "the origin is not in allowed-origins"),
    ORIGIN_MALFORMED(Check.ORIGIN, "the Origin value is not a serialized origin as browsers send it"),
    ORIGIN_MULTIPLE(Check.ORIGIN, "the request has several Origin values"),
    METHOD_EMPTY(Check.METHOD, "Access-Control-Request-Method is empty"),
    METHOD_NOT_ALLOWED(Check.METHOD, "the requested method is not in allowed-methods"),
    HEADER_NOT_ALLOWED(Check.HEADERS, "a requested header is not in allowed-headers"),
    HEADERS_MALFORMED(Check.HEADERS, "Access-Control-Request-Headers is not a list of header names"),
    HEADERS_TOO_LONG(Check.HEADERS, "Access-Control-Request-Headers is longer than "
            + RequestedHeaders.MAX_LENGTH + " characters"),
    HEADERS_TOO_MANY(Check.HEADERS, "Access-Control-Request-Headers has more than "
            + RequestedHeaders.MAX_ELEMENTS + " elements");

    /** The check a reason belongs to. */
    public enum Check { NONE, ORIGIN, METHOD, HEADERS }

    private final Check check;
    private final String description;

    Reason(Check check, String description) {
        this.check = check;
        this.description = description;
    }

    public Check check() {
        return check;
    }

    /** One sentence for logs and {@code explain}. */
    public String description() {
        return description;
    }
}
