package com.ibm.ws.webcontainer.srt;

import com.ibm.websphere.servlet.response.IResponse;
import com.ibm.wsspi.webcontainer.servlet.IExtendedRequest;

/**
 * COMPILE-ONLY STUB of Liberty's servlet response (the members the Liberty advice calls, none with a servlet type in
 * its descriptor). The real class implements the servlet API's {@code HttpServletResponse}.
 */
public class SRTServletResponse {

    public boolean isCommitted() {
        throw new AssertionError("compile-only stub");
    }

    public int getStatusCode() {
        throw new AssertionError("compile-only stub");
    }

    public IExtendedRequest getRequest() {
        throw new AssertionError("compile-only stub");
    }

    public IResponse getIResponse() {
        throw new AssertionError("compile-only stub");
    }
}
