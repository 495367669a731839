package io.corsagent.hooks.servlet;

import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ResponseFields;
import io.corsagent.bridge.ServletLevelAdapter;

/**
 * The servlet API's request and response, for the servlet-level fallback ({@link ServletFallbackHook}). The decision
 * travels as the request attribute {@link CorsBridge#FALLBACK_ATTRIBUTE}, which the fallback sets ({@link #keep}).
 * The filter-chain audit ({@link FilterAuditHook}) reads requests through it too.
 *
 * <p>The servlet API has no {@code removeHeader}, and Tomcat ignores {@code setHeader(name, null)}: the settled
 * fields replace the app's with {@code setHeader} (which replaces on every container), and a field the policy drops
 * that the container will not remove is overwritten with an empty value ({@link #replaceFields}).
 */
public final class ServletAdapter extends ServletLevelAdapter<HttpServletRequest, HttpServletResponse> {

    /**
     * The name the fallback's failures are reported under ({@code servlet.entry}, {@code servlet.commit}): no hook's
     * name, so that a failure here (the fallback beside a container hook that failed the same way, on the same
     * request) does not switch the fallback off. Its advice reports under it too.
     */
    static final String FAILURES = "servlet";

    /** Relocated with the servlet API in the jakarta copy: "javax.servlet" there reads "jakarta.servlet". */
    private static final String SERVLET_API = "javax.servlet.ServletRequest";

    public ServletAdapter() {
        super(FAILURES, SERVLET_API.substring(0, SERVLET_API.lastIndexOf('.')));
    }

    @Override
    protected boolean isRequest(Object request) {
        return request instanceof HttpServletRequest;
    }

    @Override
    protected boolean isResponse(Object response) {
        return response instanceof HttpServletResponse;
    }

    @Override
    protected Dispatch dispatch(HttpServletRequest request) {
        DispatcherType type = request.getDispatcherType();
        return type == DispatcherType.REQUEST ? Dispatch.REQUEST
                : type == DispatcherType.ERROR || type == DispatcherType.ASYNC ? Dispatch.LATER
                : Dispatch.INNER;
    }

    @Override
    protected Object attribute(HttpServletRequest request, String name) {
        return request.getAttribute(name);
    }

    @Override
    protected void setAttribute(HttpServletRequest request, String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    protected void removeAttribute(HttpServletRequest request, String name) {
        request.removeAttribute(name);
    }

    @Override
    protected Object servletContext(HttpServletRequest request) {
        return request.getServletContext();
    }

    @Override
    protected String responseField(HttpServletResponse response, String name) {
        return response.getHeader(name);
    }

    @Override
    protected String method(HttpServletRequest request) {
        return request.getMethod();
    }

    /**
     * The path the container maps: decoded and normalised by the container, context path included. The context path
     * is the context's own: the request's is the segment as sent (Tomcat keeps its path parameters and encoding:
     * {@code /app;x=y} or {@code /ap%70}), which no path rule would match.
     */
    @Override
    protected String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletContext().getContextPath() + request.getServletPath()
                + (pathInfo == null ? "" : pathInfo);
    }

    /** {@code getHeader} first: {@code getHeaders} allocates an {@code Enumeration}, and most fields are absent. */
    @Override
    protected String requestField(HttpServletRequest request, String name) {
        return request.getHeader(name) == null ? null : CorsBridge.joinFieldValues(request.getHeaders(name));
    }

    @Override
    protected String scheme(HttpServletRequest request) {
        return request.getScheme();
    }

    @Override
    protected String host(HttpServletRequest request) {
        return request.getServerName();
    }

    @Override
    protected int port(HttpServletRequest request) {
        return request.getServerPort();
    }

    @Override
    protected void keep(HttpServletRequest request, HttpServletResponse response, Object decision) {
        request.setAttribute(CorsBridge.FALLBACK_ATTRIBUTE, decision);
    }

    /**
     * Nothing: a servlet response does not lead to its request, and the fallback never commits through the
     * protocol's container commit; its advice holds the exchange and reports the response itself.
     */
    @Override
    protected Object kept(HttpServletResponse response) {
        return null;
    }

    @Override
    protected boolean isCommitted(HttpServletResponse response) {
        return response.isCommitted();
    }

    @Override
    protected int status(HttpServletResponse response) {
        return response.getStatus();
    }

    @Override
    protected void setStatus(HttpServletResponse response, int status) {
        response.setStatus(status);
    }

    @Override
    protected void readFields(HttpServletResponse response, ResponseFields fields) {
        for (String name : response.getHeaderNames()) {
            if (fields.wants(name)) {
                for (String value : response.getHeaders(name)) {
                    fields.add(name, value);
                }
            }
        }
    }

    /**
     * {@code setHeader(name, null)} removes the field on Jetty and Undertow, not on Tomcat: there it is overwritten
     * with an empty value, which is not an error: the Fetch standard treats it as absent (an empty
     * Access-Control-Allow-Origin matches no origin, an empty -Allow-Credentials is not "true", an empty list allows
     * or exposes nothing), so the response fails closed.
     */
    @Override
    protected void removeField(HttpServletResponse response, String name) {
        response.setHeader(name, null);
        if (response.containsHeader(name)) {
            response.setHeader(name, "");
        }
    }

    @Override
    protected void addField(HttpServletResponse response, String name, String value) {
        response.addHeader(name, value);
    }

    /**
     * A name's first settled value replaces whatever the response holds under that name ({@code setHeader}); the
     * rest add. A managed name the policy drops is removed as far as the container lets it ({@link #removeField}):
     * only a container that keeps a non-empty value is a failure, reported once per response.
     */
    @Override
    protected void replaceFields(HttpServletResponse response, String[] present, String[] settled) {
        for (int i = 0; i + 1 < settled.length; i += 2) {
            if (CorsBridge.indexOfName(settled, settled[i], i) < 0) {
                response.setHeader(settled[i], settled[i + 1]);
            } else {
                response.addHeader(settled[i], settled[i + 1]);
            }
        }
        String kept = null;
        for (int i = 0; i < present.length; i += 2) {
            String name = present[i];
            if (CorsBridge.indexOfName(settled, name, settled.length) >= 0
                    || CorsBridge.indexOfName(present, name, i) >= 0) {
                continue;
            }
            removeField(response, name);
            String value = response.getHeader(name);
            if (value != null && !value.isEmpty()) {
                kept = name;
            }
        }
        if (kept != null) {
            CorsBridge.failed(hook() + ".commit",
                    new IllegalStateException("the container kept the header " + kept + " the policy drops"));
        }
    }
}
