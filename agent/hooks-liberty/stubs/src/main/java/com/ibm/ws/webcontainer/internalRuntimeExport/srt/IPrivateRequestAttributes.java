package com.ibm.ws.webcontainer.internalRuntimeExport.srt;

/**
 * COMPILE-ONLY STUB of the request attributes Liberty keeps for itself: never enumerated, never visible to
 * {@code ServletRequest#getAttribute}, reset with the request.
 */
public interface IPrivateRequestAttributes {

    Object getPrivateAttribute(String name);

    void setPrivateAttribute(String name, Object value);
}
