package io.corsagent.hooks.glassfish;

import java.io.CharConversionException;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ResponseFields;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * Grizzly's server request, and its response packet. The entry's request is the one GlassFish's
 * {@code CoyoteAdapter} has prepared: its scheme, host and port are the connector's view (proxy settings applied),
 * and its packet's decoded URI has been normalised and stripped of path parameters in place. The commit sees only
 * the response packet, from which it reaches the request packet.
 *
 * <p>The exchange travels as an attribute of Grizzly's request packet: cleared when the packet is recycled, never
 * enumerated by the servlet request, yet visible to {@code ServletRequest#getAttribute} (Catalina's request falls
 * back to it), which the servlet-level fallback checks. The commit's methods name only grizzly-http's types, the
 * module of {@code HttpServerFilter}; the server request is used at the entry only. Fields go on as bytes
 * ({@link CorsBridge#fieldBytes}).
 */
public final class GlassFishAdapter extends ContainerAdapter<Request, HttpResponsePacket> {

    public GlassFishAdapter() {
        super("glassfish", "glassfish");
    }

    @Override
    protected String method(Request request) {
        return request.getRequest().getMethod().getMethodString();
    }

    /**
     * Decoded by {@code postParseRequest} already (this reads what it left); a URI that cannot be decoded is one
     * GlassFish refuses itself.
     */
    @Override
    protected String path(Request request) {
        try {
            return request.getRequest().getRequestURIRef().getDecodedRequestURIBC().toString();
        } catch (CharConversionException undecodable) {
            return null;
        }
    }

    @Override
    protected String requestField(Request request, String name) {
        String joined = null;
        MimeHeaders headers = request.getRequest().getHeaders();
        for (int i = 0, n = headers.size(); i < n; i++) {
            DataChunk fieldName = headers.getName(i);
            if (fieldName.equalsIgnoreCase(name)) {
                joined = CorsBridge.joinFieldValue(joined, headers.getValue(i).toString());
            }
        }
        return joined;
    }

    /** By name only, as Tomcat's adapter: the value stays as Grizzly parsed it for the container's own readers. */
    @Override
    protected boolean hasRequestField(Request request, String name) {
        return request.getRequest().getHeaders().indexOf(name, 0) >= 0;
    }

    @Override
    protected String scheme(Request request) {
        return request.getScheme();
    }

    @Override
    protected String host(Request request) {
        return request.getServerName();
    }

    @Override
    protected int port(Request request) {
        return request.getServerPort();
    }

    /**
     * No: the entry is an exit advice of {@code postParseRequest}, which returns before {@code doService} runs the
     * pipeline, and no advice of the hook ends a mark there. The servlet-level fallback finds the request's attribute.
     */
    @Override
    protected boolean marksThread() {
        return false;
    }

    @Override
    protected void keep(Request request, HttpResponsePacket response, Object decision) {
        request.getRequest().setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
    }

    /** {@code prepareResponse} runs once per response, before it is committed: any call there is the commit. */
    @Override
    protected Object kept(HttpResponsePacket response) {
        HttpRequestPacket request = response.getRequest();
        return request == null ? null : request.getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
    }

    @Override
    protected boolean isCommitted(HttpResponsePacket response) {
        return response.isCommitted();
    }

    @Override
    protected int status(HttpResponsePacket response) {
        return response.getStatus();
    }

    @Override
    protected void setStatus(HttpResponsePacket response, int status) {
        response.setStatus(status);
    }

    @Override
    protected void readFields(HttpResponsePacket response, ResponseFields fields) {
        MimeHeaders headers = response.getHeaders();
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.getName(i).toString();
            if (fields.wants(name)) {
                fields.add(name, headers.getValue(i).toString());
            }
        }
    }

    /** Every field of that name, in any case: {@code MimeHeaders} removes by name only. */
    @Override
    protected void removeField(HttpResponsePacket response, String name) {
        response.getHeaders().removeHeader(name);
    }

    /**
     * Grizzly marks the fields complete when its output buffer commits the response, before {@code prepareResponse}
     * (what is added after the mark would be trailers), and from then on silently refuses names no trailer may carry,
     * {@code Vary} among them ({@link MimeHeaders#NOOP_CHUNK}). Such a field is added with the fields unmarked for a
     * moment: {@link #reopen} puts them back as they were, unmarked; they are marked again once it is in.
     */
    @Override
    protected void addField(HttpResponsePacket response, String name, String value) {
        MimeHeaders headers = response.getHeaders();
        byte[] nameBytes = CorsBridge.fieldBytes(name);
        DataChunk field = headers.addValue(nameBytes, 0, nameBytes.length);
        if (field == MimeHeaders.NOOP_CHUNK) {
            reopen(headers);
            headers.addValue(nameBytes, 0, nameBytes.length).setBytes(CorsBridge.fieldBytes(value));
            headers.mark();
            return;
        }
        field.setBytes(CorsBridge.fieldBytes(value));
    }

    /** Clears the fields' mark: copies them, clears them (which unmarks), and adds them back in their order. */
    private static void reopen(MimeHeaders headers) {
        int count = headers.size();
        String[] fields = new String[count * 2];
        for (int i = 0; i < count; i++) {
            fields[2 * i] = headers.getName(i).toString();
            fields[2 * i + 1] = headers.getValue(i).toString();
        }
        headers.clear();
        for (int i = 0; i < fields.length; i += 2) {
            headers.addValue(fields[i]).setString(fields[i + 1]);
        }
    }
}
