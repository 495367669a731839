package io.corsagent.hooks.jetty12;

import java.util.HashMap;
import java.util.ListIterator;
import java.util.Map;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ResponseFields;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.internal.ResponseHttpFields;

/**
 * Jetty 12's core request and response, below its ee8 and ee10 environments. The exchange travels as a request
 * attribute. Jetty's parsers give every header they know its {@code HttpHeader}, so {@code Origin} is compared by
 * identity. The fields the agent writes carry Jetty's {@code HttpHeader} where this Jetty has one ({@code Vary}; the
 * {@code Access-Control-*} names since 12.1, which 12.0 lacks): its generator writes such a name from bytes it holds
 * rather than encoding it again for every response.
 */
public final class Jetty12Adapter extends ContainerAdapter<Request, Response> {

    /** This Jetty's {@code HttpHeader} of each name the agent manages, by Jetty's spelling, which the agent's shares. */
    private static final Map<String, HttpHeader> MANAGED_HEADERS = managedHeaders();

    public Jetty12Adapter() {
        super("jetty12", "jetty12");
    }

    @Override
    protected String method(Request request) {
        return request.getMethod();
    }

    /**
     * The canonical path: decoded and normalised, context path included, the path every handler below matches;
     * {@code null} for a path Jetty cannot make canonical (and refuses itself).
     */
    @Override
    protected String path(Request request) {
        return request.getHttpURI().getCanonicalPath();
    }

    @Override
    protected String requestField(Request request, String name) {
        HttpHeader header = HttpHeader.ORIGIN.is(name) ? HttpHeader.ORIGIN : null;
        String joined = null;
        HttpFields fields = request.getHeaders();
        for (int i = 0, n = fields.size(); i < n; i++) {
            HttpField field = fields.getField(i);
            if (header != null ? field.getHeader() == header : field.is(name)) {
                joined = CorsBridge.joinFieldValue(joined, field.getValue());
            }
        }
        return joined;
    }

    @Override
    protected String scheme(Request request) {
        HttpURI uri = request.getHttpURI();
        return uri.getScheme() != null ? uri.getScheme() : request.isSecure() ? "https" : "http";
    }

    @Override
    protected String host(Request request) {
        return Request.getServerName(request);
    }

    @Override
    protected int port(Request request) {
        return Request.getServerPort(request);
    }

    @Override
    protected void keep(Request request, Response response, Object decision) {
        request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
    }

    /**
     * The commit runs once per response ({@code lockedPrepareResponse}): whatever the request kept is for it. Most
     * responses commit within {@code Server#handle}, on the thread its entry marked with this same channel response:
     * the mark answers, and the request's attributes (a concurrent map once the agent has put its own there) are
     * looked up only for a response committed later or elsewhere.
     */
    @Override
    protected Object kept(Response response) {
        Object marked = CorsBridge.entryDecision(response);
        return marked != null ? marked : response.getRequest().getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
    }

    @Override
    protected boolean isCommitted(Response response) {
        return response.isCommitted();
    }

    /** A status of 0 means none was set: the channel turns it into 200 as it commits. */
    @Override
    protected int status(Response response) {
        int status = response.getStatus();
        return status == 0 ? 200 : status;
    }

    @Override
    protected void setStatus(Response response, int status) {
        response.setStatus(status);
    }

    @Override
    protected void readFields(Response response, ResponseFields fields) {
        HttpFields.Mutable headers = mutableFields(response);
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpField field = headers.getField(i);
            if (fields.wants(field.getName())) {
                fields.add(field.getName(), field.getValue());
            }
        }
    }

    @Override
    protected void removeField(Response response, String name) {
        mutableFields(response).remove(name);
    }

    @Override
    protected void addField(Response response, String name, String value) {
        mutableFields(response).add(field(name, value));
    }

    /**
     * One pass by position over the fields: {@code remove(name)} for each managed name would compare every field's
     * name case-insensitively once per name.
     */
    @Override
    protected void replaceFields(Response response, String[] present, String[] settled) {
        HttpFields.Mutable fields = mutableFields(response);
        if (present.length > 0) {
            for (ListIterator<HttpField> field = fields.listIterator(); field.hasNext(); ) {
                if (CorsBridge.isManagedHeader(field.next().getName())) {
                    field.remove();
                }
            }
        }
        for (int i = 0; i + 1 < settled.length; i += 2) {
            fields.add(field(settled[i], settled[i + 1]));
        }
    }

    /**
     * The fields under the channel's wrapper, which ignores changes once the response is committed: the commit edits
     * them there, as {@code lockedPrepareResponse} itself does when it adds {@code Content-Length}.
     */
    private static HttpFields.Mutable mutableFields(Response response) {
        HttpFields.Mutable fields = response.getHeaders();
        return fields instanceof ResponseHttpFields ? ((ResponseHttpFields) fields).getMutableHttpFields() : fields;
    }

    /**
     * A field with Jetty's {@code HttpHeader} for its name when Jetty has one: {@code add(name, value)} would look
     * every name up in Jetty's header trie, on every CORS response, for names the agent knows in advance.
     */
    private static HttpField field(String name, String value) {
        return new HttpField(MANAGED_HEADERS.get(name), name, value);
    }

    /** Found by name among the constants of the running Jetty, so that no constant 12.0 lacks is linked. */
    private static Map<String, HttpHeader> managedHeaders() {
        Map<String, HttpHeader> headers = new HashMap<>();
        for (HttpHeader header : HttpHeader.values()) {
            if (CorsBridge.isManagedHeader(header.asString())) {
                headers.put(header.asString(), header);
            }
        }
        return headers;
    }
}
