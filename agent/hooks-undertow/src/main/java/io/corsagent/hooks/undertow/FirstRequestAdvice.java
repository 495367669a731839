package io.corsagent.hooks.undertow;

import java.util.Map;
import java.util.TreeMap;

import io.corsagent.bridge.CorsBridge;
import io.corsagent.bridge.CorsExchange;

import net.bytebuddy.asm.Advice;

import io.undertow.predicate.Predicate;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.spec.HttpServletRequestImpl;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Inlined into {@code ServletInitialHandler#handleFirstRequest(HttpServerExchange, ServletRequestContext)}:
 * decides a REQUEST dispatch and answers it (a preflight, or a request refused by strict rejection) before the
 * deployment's security handlers, its request listeners and its filters run.
 *
 * <p>An exchange the container serves is kept twice, each for a reader that cannot see the other place: in the
 * exchange's predicate context (a {@code Map<String, Object>} of undertow-core) for the commit advice, which runs
 * inside undertow-core where servlet classes may be invisible (WildFly loads core and servlet in separate
 * modules); and as a request attribute, which tells the servlet-level fallback that this request is taken. A
 * REQUEST dispatch the hook leaves alone is marked with {@code Boolean.FALSE} instead, so the fallback never decides
 * it again. The same decision marks the thread ({@link CorsBridge#beginEntry}) while {@code handleFirstRequest} runs
 * the deployment's handlers, filters and servlet: the servlet-level advice on each of them reads the mark rather than
 * looking the attribute up.
 */
final class FirstRequestAdvice {

    private FirstRequestAdvice() {
    }

    /** @return true to skip the handler chain: the agent answered the request itself */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) HttpServerExchange exchange,
                         @Advice.Argument(1) ServletRequestContext context) {
        try {
            HttpServletRequestImpl request = context.getOriginalRequest();
            // An ASYNC dispatch (the only other one that comes here) has an async context: decided already.
            if (request.getAsyncContextInternal() != null) {
                return false;
            }
            HeaderMap requestHeaders = exchange.getRequestHeaders();
            String origin = CorsBridge.joinFieldValues(requestHeaders.get("Origin"));
            String requestMethod = CorsBridge.joinFieldValues(requestHeaders.get("Access-Control-Request-Method"));
            String requestHeaderNames = CorsBridge.joinFieldValues(
                    requestHeaders.get("Access-Control-Request-Headers"));
            // The request path is the whole decoded path, context path included, as the deployment maps it.
            // Scheme, host and port only matter for the same-origin test of a request with an Origin: Undertow
            // parses host and port out of the Host field at each call.
            CorsExchange cors = CorsBridge.enter("undertow", exchange.getRequestMethod().toString(), origin,
                    requestMethod, requestHeaderNames, origin == null ? null : exchange.getRequestScheme(),
                    origin == null ? null : exchange.getHostName(), origin == null ? -1 : exchange.getHostPort(),
                    exchange.getRequestPath());
            if (cors == null) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, Boolean.FALSE);
                CorsBridge.beginEntry(Boolean.FALSE);
                return false;
            }
            int status = cors.answerStatus();
            if (status == 0) {
                Map<String, Object> predicateContext = exchange.getAttachment(Predicate.PREDICATE_CONTEXT);
                if (predicateContext == null) {
                    predicateContext = new TreeMap<String, Object>();
                    exchange.putAttachment(Predicate.PREDICATE_CONTEXT, predicateContext);
                }
                predicateContext.put(CorsBridge.EXCHANGE_ATTRIBUTE, cors);
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, cors);
                CorsBridge.beginEntry(cors);
                return false;
            }
            if (exchange.isResponseStarted()) {
                request.setAttribute(CorsBridge.EXCHANGE_ATTRIBUTE, Boolean.FALSE);
                CorsBridge.beginEntry(Boolean.FALSE);
                return false;
            }
            exchange.setStatusCode(status);
            HeaderMap responseHeaders = exchange.getResponseHeaders();
            String[] headers = cors.answerHeaders();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                responseHeaders.add(HttpString.tryFromString(headers[i]), headers[i + 1]);
            }
            exchange.endExchange();
            return true;
        } catch (Throwable error) {
            CorsBridge.failed("undertow.entry", error);
            return false;
        }
    }

    /**
     * Ends the thread mark. Cleared rather than restored: a missing mark only sends the servlet-level advice to the
     * request attribute, while a mark left behind would stand for a request that is over.
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        CorsBridge.endEntry(null);
    }
}
