package com.ibm.ws.webcontainer.util;

import java.io.UnsupportedEncodingException;

/** COMPILE-ONLY STUB of the decoder Liberty's web container applies to the request URI ('+' stays '+'). */
public final class WSURLDecoder {

    private WSURLDecoder() {
    }

    public static String decode(String text, String encoding) throws UnsupportedEncodingException {
        throw new AssertionError("compile-only stub");
    }
}
