package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Inlined into {@code Server#handle(HttpChannel)}: decides the request and answers it (a preflight, or a
 * request refused by strict rejection) before any handler runs, so that neither Jetty's {@code SecurityHandler}
 * nor the app's filters see it. Otherwise keeps the exchange as a request attribute for the commit advice; a
 * request it leaves alone is marked with {@code Boolean.FALSE}, so the servlet-level fallback never decides it again.
 * While {@code Server#handle} runs, the same decision marks the thread ({@link CorsBridge#beginEntry}): the
 * servlet-level advice on every filter, chain and servlet reads it there rather than through the request's wrappers.
 *
 * <p>Jetty 9.4's ({@link Jetty9Hook}) and Jetty 10's and 11's ({@link Jetty10Hook}): every Jetty call here has the
 * same descriptor from Jetty 9.4 (javax) to 11 (jakarta): no servlet type, and no {@code HttpFields}, which is a class
 * in 9.4 and an interface from 10 on.
 */
final class ServerHandleAdvice {

    private ServerHandleAdvice() {
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
            // its handlers, SecurityHandler included, will match against. Scheme, host and port only matter for
            // the same-origin test of a request with an Origin: Jetty finds host and port in the Host field.
            CorsExchange exchange = CorsBridge.enter("jetty9", request.getMethod(), origin, requestMethod,
                    requestHeaders, origin == null ? null : request.getScheme(),
                    origin == null ? null : request.getServerName(), origin == null ? -1 : request.getServerPort(),
                    request.getPathInfo());
            int status = exchange == null ? 0 : exchange.answerStatus();
            Response response = channel.getResponse();
            if (status == 0 || response.isCommitted()) {
                Object decision = status == 0 && exchange != null ? (Object) exchange : Boolean.FALSE;
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, decision);
                CorsBridge.beginEntry(decision);
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
            CorsBridge.failed("jetty9.entry", error);
            return false;
        }
    }

    /** Ends the thread mark: {@code Server#handle} calls never nest, so the thread goes back to no mark. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        CorsBridge.endEntry(null);
    }
}
