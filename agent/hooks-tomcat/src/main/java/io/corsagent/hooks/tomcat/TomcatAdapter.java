package io.corsagent.hooks.tomcat;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ResponseFields;

import org.apache.catalina.Context;
import org.apache.catalina.connector.CoyoteAdapter;
import org.apache.catalina.connector.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Tomcat's coyote request and response. The exchange travels as a coyote request attribute: recycled with the
 * request, never enumerated by the servlet request, yet visible to {@code ServletRequest#getAttribute} (which the
 * servlet-level fallback checks). Fields go on as bytes ({@link CorsBridge#fieldBytes}).
 */
public final class TomcatAdapter extends ContainerAdapter<org.apache.coyote.Request, Response> {

    public TomcatAdapter() {
        super("tomcat", "tomcat");
    }

    /** {@code method()} rather than {@code getMethod()}, which only later 9.0 releases have. */
    @Override
    protected String method(org.apache.coyote.Request request) {
        return request.method().toString();
    }

    /** {@code decodedURI}: decoded, normalised, without path parameters, context path included. */
    @Override
    protected String path(org.apache.coyote.Request request) {
        return request.decodedURI().toString();
    }

    @Override
    protected String requestField(org.apache.coyote.Request request, String name) {
        String joined = null;
        MimeHeaders headers = request.getMimeHeaders();
        for (int i = 0, n = headers.size(); i < n; i++) {
            MessageBytes fieldName = headers.getName(i);
            if (fieldName.equalsIgnoreCase(name)) {
                joined = CorsBridge.joinFieldValue(joined, headers.getValue(i).toString());
            }
        }
        return joined;
    }

    /**
     * By name only: the value is not made a string. In Tomcat 10.1.0, a value read as a string is later written back
     * into the request's input buffer by {@code toBytes()} (the BASIC authenticator does that with
     * {@code Authorization}), over the request line.
     */
    @Override
    protected boolean hasRequestField(org.apache.coyote.Request request, String name) {
        return request.getMimeHeaders().findHeader(name, 0) >= 0;
    }

    @Override
    protected String scheme(org.apache.coyote.Request request) {
        return request.scheme().toString();
    }

    @Override
    protected String host(org.apache.coyote.Request request) {
        return request.serverName().toString();
    }

    @Override
    protected int port(org.apache.coyote.Request request) {
        return request.getServerPort();
    }

    @Override
    protected void keep(org.apache.coyote.Request request, Response response, Object decision) {
        request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
    }

    @Override
    protected Object kept(Response response) {
        return response.isCommitted() ? null : response.getRequest().getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
    }

    @Override
    protected boolean isCommitted(Response response) {
        return response.isCommitted();
    }

    @Override
    protected int status(Response response) {
        return response.getStatus();
    }

    @Override
    protected void setStatus(Response response, int status) {
        response.setStatus(status);
    }

    @Override
    protected void readFields(Response response, ResponseFields fields) {
        MimeHeaders headers = response.getMimeHeaders();
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.getName(i).toString();
            if (fields.wants(name)) {
                fields.add(name, headers.getValue(i).toString());
            }
        }
    }

    /** By name: {@code removeHeader(int)} is private in early 8.5 and 9.0 releases. */
    @Override
    protected void removeField(Response response, String name) {
        response.getMimeHeaders().removeHeader(name);
    }

    @Override
    protected void addField(Response response, String name, String value) {
        byte[] nameBytes = CorsBridge.fieldBytes(name);
        byte[] valueBytes = CorsBridge.fieldBytes(value);
        response.getMimeHeaders().addValue(nameBytes, 0, nameBytes.length).setBytes(valueBytes, 0, valueBytes.length);
    }

    /** An entry in the access log, as {@code postParseRequest}'s own early answers have. */
    @Override
    protected void answered(org.apache.coyote.Request coyoteRequest, Response response) {
        Request request = (Request) coyoteRequest.getNote(CoyoteAdapter.ADAPTER_NOTES);
        Context context = request.getContext();
        if (context != null) {
            context.logAccess(request, request.getResponse(), 0, true);
        } else {
            request.getConnector().getService().getContainer().logAccess(request, request.getResponse(), 0, true);
        }
    }
}
