package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * {@link ServerHandleAdvice} for Jetty 10 and 11 ({@link Jetty10Hook}): the same code, with the entry and failure ids
 * of that hook, under which its requests are counted and its failures switch it off.
 */
final class Jetty10ServerHandleAdvice {

    private Jetty10ServerHandleAdvice() {
    }

    /** @return true to skip {@code Server#handle}: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) HttpChannel channel) {
        try {
            Request request = channel.getRequest();
            // getHeader first: getHeaders allocates an Enumeration, and without an Origin nothing else matters.
            String origin = request.getHeader("Origin") == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Origin"));
            String requestMethod = origin == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Access-Control-Request-Method"));
            String requestHeaders = origin == null ? null
                    : CorsBridge.joinFieldValues(request.getHeaders("Access-Control-Request-Headers"));
            // Jetty's path info here is the whole decoded, canonical path (context path included): the path
            // its handlers, SecurityHandler included, will match against.
            CorsExchange exchange = CorsBridge.enter("jetty10", request.getMethod(), origin, requestMethod,
                    requestHeaders, request.getScheme(), request.getServerName(), request.getServerPort(), request.getPathInfo());
            if (exchange == null) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, Boolean.FALSE);
                return false;
            }
            int status = exchange.answerStatus();
            if (status == 0) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, exchange);
                return false;
            }
            Response response = channel.getResponse();
            if (response.isCommitted()) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, Boolean.FALSE);
                return false;
            }
            response.setStatus(status);
            String[] headers = exchange.answerHeaders();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                response.addHeader(headers[i], headers[i + 1]);
            }
            // Handled: HttpChannel completes the response (empty body) and writes the request log entry.
            request.setHandled(true);
            return true;
        } catch (Throwable error) {
            CorsBridge.failed("jetty10.entry", error);
            return false;
        }
    }
}
