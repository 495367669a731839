package com.ibm.wsspi.webcontainer;

/** COMPILE-ONLY STUB of the web container's custom properties (the one the Liberty advice reads). */
public class WCCustomProperties {

    /** Not final in Liberty either: set from server configuration, so every read goes to the field. */
    public static boolean DECODE_URL_PLUS_SIGN;
}
