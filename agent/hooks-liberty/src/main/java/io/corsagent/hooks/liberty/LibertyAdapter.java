package io.corsagent.hooks.liberty;

import java.util.Enumeration;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.ResponseFields;

import com.ibm.websphere.servlet.request.IRequest;
import com.ibm.websphere.servlet.response.IResponse;
import com.ibm.ws.webcontainer.internalRuntimeExport.srt.IPrivateRequestAttributes;
import com.ibm.ws.webcontainer.srt.SRTServletResponse;
import com.ibm.wsspi.webcontainer.servlet.IExtendedRequest;

/**
 * Open Liberty's web container. The entry has the transport's request and response ({@code IRequest},
 * {@code IResponse}); the commit has the container's servlet response ({@code SRTServletResponse}), whose fields are
 * the transport response's, read and edited through its {@code IResponse}, and whose request keeps the exchange among
 * its private attributes ({@link NextConnectionAdvice} puts it there, when that request comes into being). So the
 * response is either of the two, and {@link #fields} tells them apart. Fields go on as bytes
 * ({@link CorsBridge#fieldBytes}). No servlet type appears in any member used: one adapter serves the javax and the
 * jakarta web container alike.
 */
public final class LibertyAdapter extends ContainerAdapter<IRequest, Object> {

    public LibertyAdapter() {
        super("liberty", "liberty");
    }

    @Override
    protected String method(IRequest request) {
        return request.getMethod();
    }

    /** Never asked: the path needs {@code WebContainer}'s own members, so its advice works it out and passes it. */
    @Override
    protected String path(IRequest request) {
        throw new IllegalStateException("Liberty's entry advice passes the path");
    }

    /** {@code getHeader} first: {@code getHeaders} allocates an {@code Enumeration}, and most fields are absent. */
    @Override
    @SuppressWarnings("unchecked") // Liberty's request fields come as a raw Enumeration of Strings.
    protected String requestField(IRequest request, String name) {
        return request.getHeader(name) == null ? null : CorsBridge.joinFieldValues(request.getHeaders(name));
    }

    @Override
    protected String scheme(IRequest request) {
        return request.getScheme();
    }

    @Override
    protected String host(IRequest request) {
        return request.getServerName();
    }

    @Override
    protected int port(IRequest request) {
        return request.getServerPort();
    }

    /** Nothing yet: the servlet request that keeps the exchange is made later, from the thread's mark. */
    @Override
    protected void keep(IRequest request, Object response, Object decision) {
    }

    @Override
    protected Object kept(Object response) {
        SRTServletResponse servletResponse = (SRTServletResponse) response;
        if (servletResponse.isCommitted()) {
            return null;
        }
        IExtendedRequest request = servletResponse.getRequest();
        return request instanceof IPrivateRequestAttributes
                ? ((IPrivateRequestAttributes) request).getPrivateAttribute(CorsBridge.EXCHANGE_ATTRIBUTE) : null;
    }

    @Override
    protected boolean isCommitted(Object response) {
        return response instanceof SRTServletResponse ? ((SRTServletResponse) response).isCommitted()
                : ((IResponse) response).isCommitted();
    }

    @Override
    protected int status(Object response) {
        return ((SRTServletResponse) response).getStatusCode();
    }

    @Override
    protected void setStatus(Object response, int status) {
        fields(response).setStatusCode(status);
    }

    @Override
    protected void readFields(Object response, ResponseFields fields) {
        IResponse transport = fields(response);
        for (Enumeration<?> names = transport.getHeaderNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (fields.wants(name)) {
                for (Enumeration<?> values = transport.getHeaders(name); values.hasMoreElements(); ) {
                    fields.add(name, (String) values.nextElement());
                }
            }
        }
    }

    @Override
    protected void removeField(Object response, String name) {
        fields(response).removeHeader(name);
    }

    @Override
    protected void addField(Object response, String name, String value) {
        fields(response).addHeader(CorsBridge.fieldBytes(name), CorsBridge.fieldBytes(value));
    }

    /** The transport response's fields, behind either response. */
    private static IResponse fields(Object response) {
        return response instanceof SRTServletResponse ? ((SRTServletResponse) response).getIResponse()
                : (IResponse) response;
    }
}
