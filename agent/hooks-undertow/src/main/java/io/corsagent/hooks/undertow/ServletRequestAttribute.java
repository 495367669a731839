package io.corsagent.hooks.undertow;

import io.corsagent.bridge.CorsBridge;

import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;

/**
 * The servlet request attribute {@link UndertowAdapter} keeps a decision under, apart from the adapter because it
 * names undertow-servlet's types: loaded only where the entry runs, never by the commit's copy of the adapter in
 * undertow-core's loader, which on WildFly cannot see them.
 */
final class ServletRequestAttribute {

    private ServletRequestAttribute() {
    }

    static void set(HttpServerExchange exchange, Object decision) {
        ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        context.getOriginalRequest().setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
    }
}
