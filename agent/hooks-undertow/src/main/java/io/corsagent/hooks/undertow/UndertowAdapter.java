package io.corsagent.hooks.undertow;

import io.corsagent.bridge.ContainerAdapter;
import io.corsagent.bridge.ContainerConstants;
import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;
import io.corsagent.bridge.ResponseFields;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

/**
 * Undertow's exchange, for the request and the response alike.
 *
 * <p>One adapter class serves both of the hook's woven classes, each from its own loader: the entry's
 * ({@code ServletInitialHandler}, undertow-servlet) and the commit's ({@code HttpServerExchange}, undertow-core). On
 * WildFly those are different modules, and undertow-core sees no servlet class; so this class names only
 * undertow-core's types.
 *
 * <p>The exchange of a request the container serves is kept as an attachment of Undertow's exchange, where the commit
 * takes it out (so that the headers are settled once, even if another response channel is asked for later). Its key
 * must be one object for both copies of this class, where a static field would be one per copy:
 * {@link ContainerConstants} makes it once per undertow-core, and each copy keeps it in a field. A request the agent
 * leaves alone keeps nothing: its commit has nothing to settle. The servlet-level fallback learns that the request is
 * taken from the thread's mark, and where the request goes on beyond it, from the servlet request attribute the
 * advice leaves there ({@link FirstRequestAdvice}, {@link StartAsyncAdvice}).
 */
public final class UndertowAdapter extends ContainerAdapter<HttpServerExchange, HttpServerExchange> {

    private final AttachmentKey<CorsExchange> exchangeKey = ContainerConstants.of(AttachmentKey.class,
            CorsBridge.EXCHANGE_ATTRIBUTE, () -> AttachmentKey.create(CorsExchange.class));

    public UndertowAdapter() {
        super("undertow", "undertow");
    }

    @Override
    protected String method(HttpServerExchange exchange) {
        return exchange.getRequestMethod().toString();
    }

    /** The whole decoded path, context path included, as the deployment maps it. */
    @Override
    protected String path(HttpServerExchange exchange) {
        return exchange.getRequestPath();
    }

    @Override
    protected String requestField(HttpServerExchange exchange, String name) {
        return CorsBridge.joinFieldValues(exchange.getRequestHeaders().get(name));
    }

    @Override
    protected String scheme(HttpServerExchange exchange) {
        return exchange.getRequestScheme();
    }

    /** Parsed out of the Host field at each call. */
    @Override
    protected String host(HttpServerExchange exchange) {
        return exchange.getHostName();
    }

    @Override
    protected int port(HttpServerExchange exchange) {
        return exchange.getHostPort();
    }

    @Override
    protected void keep(HttpServerExchange exchange, HttpServerExchange response, Object decision) {
        if (decision instanceof CorsExchange) {
            exchange.putAttachment(exchangeKey, (CorsExchange) decision);
        }
    }

    /** Only at the first {@code getResponseChannel()}, where Undertow commits the response; removed there. */
    @Override
    protected Object kept(HttpServerExchange exchange) {
        if (!exchange.isResponseChannelAvailable() || exchange.isResponseStarted()) {
            return null;
        }
        return exchange.removeAttachment(exchangeKey);
    }

    @Override
    protected boolean isCommitted(HttpServerExchange exchange) {
        return exchange.isResponseStarted();
    }

    @Override
    protected int status(HttpServerExchange exchange) {
        return exchange.getStatusCode();
    }

    @Override
    protected void setStatus(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
    }

    /** {@code HeaderMap}'s cookie walk ({@code fastIterateNonEmpty}, {@code fiNextNonEmpty}) allocates no iterator. */
    @Override
    protected void readFields(HttpServerExchange exchange, ResponseFields fields) {
        HeaderMap headers = exchange.getResponseHeaders();
        for (long c = headers.fastIterateNonEmpty(); c != -1L; c = headers.fiNextNonEmpty(c)) {
            HeaderValues values = headers.fiCurrent(c);
            String name = values.getHeaderName().toString();
            if (fields.wants(name)) {
                for (int i = 0, n = values.size(); i < n; i++) {
                    fields.add(name, values.get(i));
                }
            }
        }
    }

    @Override
    protected void removeField(HttpServerExchange exchange, String name) {
        exchange.getResponseHeaders().remove(name);
    }

    @Override
    protected void addField(HttpServerExchange exchange, String name, String value) {
        exchange.getResponseHeaders().add(HttpString.tryFromString(name), value);
    }

    /** Ends the exchange as a handler that answers a request itself does: the response goes out without a body. */
    @Override
    protected void answered(HttpServerExchange exchange, HttpServerExchange response) {
        exchange.endExchange();
    }
}
