package com.ibm.websphere.servlet.response;

import java.util.Enumeration;

/**
 * COMPILE-ONLY STUB of Open Liberty's transport-neutral response (the members the Liberty advice uses). Its headers
 * are the transport's own: what the servlet response sets lands here at once.
 */
public interface IResponse {

    boolean isCommitted();

    void setStatusCode(int status);

    void addHeader(byte[] name, byte[] value);

    void removeHeader(String name);

    @SuppressWarnings("rawtypes")
    Enumeration getHeaderNames();

    @SuppressWarnings("rawtypes")
    Enumeration getHeaders(String name);
}
