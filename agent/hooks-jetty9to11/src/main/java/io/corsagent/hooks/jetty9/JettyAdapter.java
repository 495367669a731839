package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.CorsBridge;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What Jetty 9.4, 10 and 11 share: the request, its answer and where its exchange travels (a request attribute).
 * Compiled against 9.4, every call here has the same descriptor from 9.4 (javax) to 11 (jakarta): no servlet type,
 * and no {@code HttpFields}, a class in 9.4 and an interface from 10 on. The response's fields are each family's
 * ({@link Jetty94Adapter}, {@link Jetty10Adapter}). Both count their requests under the entry id {@code jetty9}.
 */
abstract class JettyAdapter extends ContainerAdapter<Request, Response> {

    JettyAdapter(String hook) {
        super(hook, "jetty9");
    }

    @Override
    protected final String method(Request request) {
        return request.getMethod();
    }

    /**
     * Jetty's path info at {@code Server#handle} is the whole decoded, canonical path, context path included: the
     * path its handlers, {@code SecurityHandler} included, will match against.
     */
    @Override
    protected final String path(Request request) {
        return request.getPathInfo();
    }

    /** {@code getHeader} first: {@code getHeaders} allocates an {@code Enumeration}, and most requests lack the field. */
    @Override
    protected final String requestField(Request request, String name) {
        return request.getHeader(name) == null ? null : CorsBridge.joinFieldValues(request.getHeaders(name));
    }

    /** Jetty finds host and port in the {@code Host} field, its forwarded-header customizer honoured. */
    @Override
    protected final String scheme(Request request) {
        return request.getScheme();
    }

    @Override
    protected final String host(Request request) {
        return request.getServerName();
    }

    @Override
    protected final int port(Request request) {
        return request.getServerPort();
    }

    @Override
    protected final void keep(Request request, Response response, Object decision) {
        request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
    }

    /**
     * Asked at a commit only: {@code Response#newResponseMetaData()} is the commit when {@code HttpChannel#sendResponse}
     * has just committed the response, and the commit advice passes it on only then (on a response not committed it is
     * {@code Response#getCommittedMetaData()} asking for a snapshot, the request log's). Most responses commit within
     * the {@code HttpChannel#handle()} that ran their entry, on the thread it marked with this same response
     * ({@link ChannelHandleAdvice}): the mark answers, and the request's attributes (behind Jetty's checks of reserved
     * names) are looked up only for a response committed later or elsewhere.
     */
    @Override
    protected final Object kept(Response response) {
        Object marked = CorsBridge.entryDecision(response);
        return marked != null ? marked
                : response.getHttpChannel().getRequest().getAttribute(CorsBridge.EXCHANGE_ATTRIBUTE);
    }

    @Override
    protected final boolean isCommitted(Response response) {
        return response.isCommitted();
    }

    @Override
    protected final int status(Response response) {
        return response.getStatus();
    }

    @Override
    protected final void setStatus(Response response, int status) {
        response.setStatus(status);
    }

    /** Handled: {@code HttpChannel} completes the response (empty body) and writes the request log entry. */
    @Override
    protected final void answered(Request request, Response response) {
        request.setHandled(true);
    }
}
