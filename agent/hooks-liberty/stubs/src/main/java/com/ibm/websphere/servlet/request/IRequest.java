package com.ibm.websphere.servlet.request;

import java.util.Enumeration;

/**
 * COMPILE-ONLY STUB of Open Liberty's transport-neutral request (the members the Liberty advice reads). Servlet-free
 * descriptors, the same in Liberty's javax and jakarta web container bundles.
 */
public interface IRequest {

    String getMethod();

    /** The request URI as received: not decoded. */
    String getRequestURI();

    String getHeader(String name);

    @SuppressWarnings("rawtypes")
    Enumeration getHeaders(String name);

    String getScheme();

    String getServerName();

    int getServerPort();
}
