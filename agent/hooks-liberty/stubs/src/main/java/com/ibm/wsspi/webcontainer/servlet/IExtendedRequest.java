package com.ibm.wsspi.webcontainer.servlet;

/**
 * COMPILE-ONLY STUB of the web container's servlet request type. The real one extends the servlet API's
 * {@code HttpServletRequest} (javax or jakarta); the advice uses none of its members, only the type.
 */
public interface IExtendedRequest {
}
