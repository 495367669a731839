package com.ibm.wsspi.webcontainer.util;

import java.io.IOException;

/**
 * COMPILE-ONLY STUB of the web container's request helpers: the canonicalization (Servlet 6: path parameters,
 * dot segments and empty segments removed) that {@code WebContainer#handleRequest} applies to the decoded URI.
 */
public final class RequestUtils {

    private RequestUtils() {
    }

    public static String canonicalizeURI(String decodedUri) throws IOException {
        throw new AssertionError("compile-only stub");
    }
}
